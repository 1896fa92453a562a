package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.SEND_DBFS;

import java.time.Duration;
import java.util.Map;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.IncomingPolicy;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, SRTP with SDES keys: callers offering SRTP (both suites) are answered SRTP and share a room with a
 * plain RTP caller, everyone hears everyone (the test phone's SRTP is its own, written from RFC 3711, so this
 * checks two implementations against each other), keys sent as RFC 4733 inside SRTP work, a caller encrypting with
 * a wrong key is not heard and cuts nobody off; with {@code CONF_RTP_SRTP=required} plain offers get 488 and
 * invitations leave as SRTP.
 */
@ExtendWith(SharedServer.class)
class SrtpCallsIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;
    private static final double CAROL = 1100;
    private static final double MALLORY = 1500;
    private static final Duration HEAR = Duration.ofSeconds(8);
    private static final String SUITE_80 = "AES_CM_128_HMAC_SHA1_80";
    private static final String SUITE_32 = "AES_CM_128_HMAC_SHA1_32";

    @Test
    void srtpAndPlainCallersHearEachOtherAndKeysWorkInsideSrtp(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, CallOptions.defaults().from("alice", null)
                    .srtp(SUITE_80).sendingTone(ALICE, SEND_DBFS));
            Call bob = fixture.dial(phone, conference, CallOptions.defaults().from("bob", null)
                    .srtp(SUITE_32).sendingTone(BOB, SEND_DBFS));
            Call carol = fixture.dial(phone, conference, CallOptions.defaults().from("carol", null)
                    .sendingTone(CAROL, SEND_DBFS));

            assertThat(alice.remoteSdp()).contains("RTP/SAVP").contains("a=crypto:1 " + SUITE_80 + " inline:");
            assertThat(bob.remoteSdp()).contains("RTP/SAVP").contains("a=crypto:1 " + SUITE_32 + " inline:");
            assertThat(carol.remoteSdp()).contains("RTP/AVP").doesNotContain("a=crypto");

            for (Call listener : new Call[] {alice, bob, carol}) {
                for (double tone : new double[] {ALICE, BOB, CAROL}) {
                    if (listener == alice && tone == ALICE || listener == bob && tone == BOB
                            || listener == carol && tone == CAROL) {
                        continue;
                    }
                    assertThat(listener.audio().awaitTone(tone, HEARD_DBFS, HEAR))
                            .as("%s hears %.0f Hz", listener.callId(), tone).isTrue();
                }
            }
            assertThat(alice.rtp().srtpFailures()).as("every SRTP packet from the server authenticates").isZero();
            assertThat(bob.rtp().srtpFailures()).isZero();

            // *1 as RFC 4733 events inside SRTP: alice mutes herself, nobody hears her.
            alice.sendDigits("*1", DtmfMode.RFC4733);
            assertThat(carol.audio().awaitNoTone(ALICE, NOT_HEARD_DBFS, HEAR)).as("alice muted by *1").isTrue();
            assertThat(bob.audio().awaitNoTone(ALICE, NOT_HEARD_DBFS, HEAR)).isTrue();
            alice.hangup();
            bob.hangup();
            carol.hangup();
        }
    }

    @Test
    void aCallerWithAWrongKeyIsNotHeardAndCutsNobodyOff(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, CallOptions.defaults().from("alice", null)
                    .srtp(SUITE_80).sendingTone(ALICE, SEND_DBFS));
            Call mallory = fixture.dial(phone, conference, CallOptions.defaults().from("mallory", null)
                    .srtpWithWrongKey().sendingTone(MALLORY, SEND_DBFS));
            assertThat(mallory.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("mallory still hears the room").isTrue();
            Thread.sleep(1500); // mallory's garbage has been arriving all along
            assertThat(alice.audio().toneLevel(MALLORY, Duration.ofMillis(1200)))
                    .as("what a wrong key sends is never played").isLessThan(NOT_HEARD_DBFS);
            assertThat(alice.state()).isEqualTo(CallState.ANSWERED);
            assertThat(mallory.state()).isEqualTo(CallState.ANSWERED);
            mallory.hangup();
            alice.hangup();
        }
    }

    @Test
    void whenSrtpIsRequiredPlainCallsAreRefusedAndInvitationsLeaveEncrypted() throws Exception {
        try (TestPhone gateway = TestPhone.start();
             RunningServer server = RunningServer.start(Map.of("CONF_RTP_SRTP", "required",
                     "CONF_TRUNK_URI", "sip:127.0.0.1:" + gateway.sipPort(), "CONF_SIP_ANSWER_DELAY_MS", "0"));
             TestPhone phone = TestPhone.start()) {
            gateway.onIncoming(IncomingPolicy.answer().sendingTone(CAROL, SEND_DBFS));
            ConferenceFixture fixture = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = fixture.create(null);

            Call plain = phone.call(fixture.uri(conference), CallOptions.defaults().from("plain", null));
            assertThat(plain.awaitState(CallState.FAILED, Duration.ofSeconds(15))).as("plain call refused").isTrue();
            assertThat(plain.finalStatus()).isEqualTo(488);
            assertThat(plain.finalReason()).isNotBlank();

            Call alice = fixture.dial(phone, conference, CallOptions.defaults().from("alice", null)
                    .srtp(SUITE_80).sendingTone(ALICE, SEND_DBFS));
            alice.sendDigits("*8", DtmfMode.INFO_RELAY);
            alice.sendDigits("4155550199#", DtmfMode.INFO_RELAY);
            Call guest = gateway.awaitIncomingCall(Duration.ofSeconds(10));
            assertThat(guest).as("the trunk got the invitation").isNotNull();
            assertThat(guest.invite().body()).contains("RTP/SAVP").contains("a=crypto:1 " + SUITE_80 + " inline:");
            guest.expectState(CallState.ANSWERED, Duration.ofSeconds(10));
            assertThat(alice.audio().awaitTone(CAROL, HEARD_DBFS, HEAR)).as("alice hears the guest").isTrue();
            assertThat(guest.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("the guest hears alice").isTrue();
            assertThat(guest.rtp().srtpFailures()).isZero();
            alice.hangup();
        }
    }
}
