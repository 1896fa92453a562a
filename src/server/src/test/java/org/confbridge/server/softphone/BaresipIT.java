package org.confbridge.server.softphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.SEND_DBFS;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.audio.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 with a real softphone: two baresip phones call over SIP/TLS with mandatory SRTP (SDES), into the same
 * conference as a plain G.711 test phone; everybody hears the other two and not themselves, in what baresip
 * decoded and in what the test phone received.
 */
class BaresipIT {

    private static final double ALICE = 700;
    private static final double BOB = 1300;
    private static final double CAROL = 1100;
    private static final Duration RUN = Duration.ofSeconds(16);

    @TempDir
    Path temp;

    @Test
    void baresipOverTlsWithSrtpAndAPlainPhoneHearEachOther() throws Exception {
        assumeTrue(Baresip.installed(), "baresip is not installed (Debian package baresip-core; .ci/run installs it)");
        try (RunningServer server = RunningServer.start(Map.of()); TestPhone phone = TestPhone.start()) {
            ConferenceFixture fixture = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = fixture.create(null);
            Path certificate = server.dataDir().resolve("tls/self-signed-certificate.pem");
            String target = "sip:" + conference.number() + "@127.0.0.1:" + server.sipTlsPort() + ";transport=tls";
            String srtp = ";mediaenc=srtp-mand;audio_codecs=PCMU";
            try (Baresip alice = Baresip.dial(temp.resolve("alice"), "alice", target, srtp, certificate, ALICE,
                    Baresip.freePort(), RUN);
                 Baresip bob = Baresip.dial(temp.resolve("bob"), "bob", target, srtp, certificate, BOB,
                         Baresip.freePort(), RUN)) {
                Call carol = fixture.dial(phone, conference, CallOptions.defaults().from("carol", null)
                        .sendingTone(CAROL, SEND_DBFS));
                Duration hear = Duration.ofSeconds(10);
                assertThat(carol.audio().awaitTone(ALICE, HEARD_DBFS, hear)).as("carol hears alice (baresip)\n"
                        + alice.log()).isTrue();
                assertThat(carol.audio().awaitTone(BOB, HEARD_DBFS, hear)).as("carol hears bob (baresip)\n"
                        + bob.log()).isTrue();

                alice.awaitExit(RUN.plusSeconds(15));
                bob.awaitExit(RUN.plusSeconds(15));
                assertThat(alice.log()).contains("SRTP is Enabled").contains("Call established");
                assertThat(bob.log()).contains("SRTP is Enabled");
                assertHearsOthersNotItself(alice.heard(), ALICE, BOB, CAROL);
                assertHearsOthersNotItself(bob.heard(), BOB, ALICE, CAROL);
                carol.hangup();
            }
        }
    }

    /** In a window near the end of the call (everybody in the room by then). */
    private static void assertHearsOthersNotItself(AudioClip heard, double own, double... others) {
        AudioClip clip = Baresip.nearTheEnd(heard);
        for (double other : others) {
            assertThat(clip.toneLevelDbfs(other)).as("%.0f Hz heard", other).isGreaterThan(HEARD_DBFS);
        }
        assertThat(clip.toneLevelDbfs(own)).as("own %.0f Hz heard back", own).isLessThan(NOT_HEARD_DBFS);
    }
}
