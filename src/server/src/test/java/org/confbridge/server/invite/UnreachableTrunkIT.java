package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.rtp.AudioMark;
import org.junit.jupiter.api.Test;

/**
 * A trunk nobody listens on (TCP to a closed port): the invite fails at once, the inviter hears that
 * it failed and stays in the conference, and no invite is left pending.
 */
class UnreachableTrunkIT {

    @Test
    void inviterHearsTheInviteFailedAndNothingIsLeftPending() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // free, and closed again: nothing listens there
        }
        try (InviteTrunk trunk = InviteTrunk.start(Map.of(
                "CONF_TRUNK_URI", "sip:127.0.0.1:" + closedPort + ";transport=tcp"))) {
            ConferenceFixture.Conference conference = trunk.fixture.create(null);
            Call alice = trunk.dialIn(conference, "alice", 500);
            AudioMark mark = alice.audio().mark();
            long start = System.nanoTime();
            InviteTrunk.keyInvite(alice, InviteTrunk.newNumber());
            PromptEar.awaitPrompt(alice, mark, "invite_failed", Duration.ofSeconds(20));
            assertThat((System.nanoTime() - start) / 1_000_000).as("no waiting for the 32 s transaction timeout").isLessThan(20_000);
            var live = trunk.get(InviteTrunk.livePath(conference)).json();
            assertThat(live.get("participants")).hasSize(1);
            assertThat(live.get("pending_invites")).isEmpty();
            assertThat(alice.state()).isEqualTo(org.confbridge.testkit.CallState.ANSWERED);
            alice.hangup();
        }
    }
}
