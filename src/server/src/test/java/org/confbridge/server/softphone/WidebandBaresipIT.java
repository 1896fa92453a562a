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
 * Issue 14, wideband with real softphones: a baresip in G.722 over UDP and a baresip in Opus over TLS with SRTP
 * share a conference with a G.711 test phone. The room mixes at 16 kHz: the G.722 phone's 6 kHz tone reaches the
 * Opus phone, and the G.711 phone gets it filtered away (not folded down to 2 kHz); every narrowband tone passes
 * every way; nobody hears themselves. What baresip heard is what its own decoder (libopus, spandsp's G.722) made.
 */
class WidebandBaresipIT {

    private static final double WIDE = 6000;     // only a wideband path carries it
    private static final double ALIAS = 2000;    // where 6 kHz would land if 16 kHz were cut to 8 kHz unfiltered
    private static final double ALICE = 700;     // G.722, with the 6 kHz tone
    private static final double BOB = 1300;     // Opus over TLS + SRTP
    private static final double CAROL = 440;    // G.711 test phone
    private static final Duration RUN = Duration.ofSeconds(16);

    @TempDir
    Path temp;

    @Test
    void g722AndOpusPhonesHearEachOtherInWidebandAndTheG711PhoneHearsThemFiltered() throws Exception {
        assumeTrue(Baresip.installed(), "baresip is not installed (Debian package baresip-core; .ci/run installs it)");
        try (RunningServer server = RunningServer.start(Map.of()); TestPhone phone = TestPhone.start()) {
            ConferenceFixture fixture = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = fixture.create(null);
            Path certificate = server.dataDir().resolve("tls/self-signed-certificate.pem");
            String udpTarget = "sip:" + conference.number() + "@127.0.0.1:" + server.sipPort();
            String tlsTarget = "sip:" + conference.number() + "@127.0.0.1:" + server.sipTlsPort() + ";transport=tls";
            Baresip.Options g722 = new Baresip.Options("udp", ";audio_codecs=G722/16000/1", null, 16000, 1, ALICE,
                    WIDE);
            Baresip.Options opus = new Baresip.Options("tls", ";mediaenc=srtp-mand;audio_codecs=opus/48000/2",
                    certificate, 48000, 2, BOB);
            try (Baresip alice = Baresip.dial(temp.resolve("alice"), "alice", udpTarget, g722, Baresip.freePort(), RUN);
                 Baresip bob = Baresip.dial(temp.resolve("bob"), "bob", tlsTarget, opus, Baresip.freePort(), RUN)) {
                Call carol = fixture.dial(phone, conference, CallOptions.defaults().from("carol", null)
                        .sendingTone(CAROL, SEND_DBFS));
                Duration hear = Duration.ofSeconds(10);
                assertThat(carol.audio().awaitTone(ALICE, HEARD_DBFS, hear)).as("carol hears alice (G.722)\n"
                        + alice.log()).isTrue();
                assertThat(carol.audio().awaitTone(BOB, HEARD_DBFS, hear)).as("carol hears bob (Opus)\n"
                        + bob.log()).isTrue();
                assertThat(carol.audio().toneLevel(ALIAS, Duration.ofSeconds(1))).as("6 kHz folded to 2 kHz")
                        .isLessThan(NOT_HEARD_DBFS);
                assertThat(carol.audio().toneLevel(CAROL, Duration.ofSeconds(1))).as("carol's own tone")
                        .isLessThan(NOT_HEARD_DBFS);

                alice.awaitExit(RUN.plusSeconds(15));
                bob.awaitExit(RUN.plusSeconds(15));
                assertThat(alice.log()).contains("G722").contains("Call established");
                assertThat(bob.log()).containsIgnoringCase("opus").contains("SRTP is Enabled");
                AudioClip aliceHeard = Baresip.nearTheEnd(alice.heard());
                AudioClip bobHeard = Baresip.nearTheEnd(bob.heard());
                assertThat(bobHeard.toneLevelDbfs(WIDE)).as("bob (Opus) hears alice's 6 kHz").isGreaterThan(HEARD_DBFS);
                assertThat(bobHeard.toneLevelDbfs(ALICE)).as("bob hears alice").isGreaterThan(HEARD_DBFS);
                assertThat(bobHeard.toneLevelDbfs(CAROL)).as("bob hears carol (G.711)").isGreaterThan(HEARD_DBFS);
                assertThat(bobHeard.toneLevelDbfs(BOB)).as("bob's own tone").isLessThan(NOT_HEARD_DBFS);
                assertThat(aliceHeard.toneLevelDbfs(BOB)).as("alice (G.722) hears bob").isGreaterThan(HEARD_DBFS);
                assertThat(aliceHeard.toneLevelDbfs(CAROL)).as("alice hears carol").isGreaterThan(HEARD_DBFS);
                assertThat(aliceHeard.toneLevelDbfs(ALICE)).as("alice's own tone").isLessThan(NOT_HEARD_DBFS);
                assertThat(aliceHeard.toneLevelDbfs(WIDE)).as("alice's own 6 kHz").isLessThan(NOT_HEARD_DBFS);
                carol.hangup();
            }
        }
    }
}
