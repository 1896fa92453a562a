package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold by re-INVITE, late offer, SIP over TCP, BYE from the callee. */
class CallControlTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestPhone caller;
    private TestPhone callee;

    @BeforeEach
    void startPhones() throws Exception {
        caller = TestPhone.start();
        callee = TestPhone.start();
        callee.onIncoming(IncomingPolicy.answer().sendingTone(600, -20));
    }

    @AfterEach
    void closePhones() {
        caller.close();
        callee.close();
    }

    @Test
    void holdStopsThePeersMediaAndUnholdBringsItBack() throws Exception {
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().sendingTone(400, -20));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();

        assertThat(call.hold()).isEqualTo(200);
        assertThat(peer.remoteDirection()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(peer.localDirection()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(call.remoteDirection()).isEqualTo(MediaDirection.RECVONLY);
        Thread.sleep(200);
        int framesAtHold = call.audio().frameCount();
        Thread.sleep(400);
        assertThat(call.audio().frameCount() - framesAtHold).as("frames from a held peer").isLessThanOrEqualTo(1);
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).as("the holder still sends").isTrue();

        assertThat(call.unhold()).isEqualTo(200);
        assertThat(peer.remoteDirection()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();
    }

    @Test
    void movingTheMediaPortByReinviteKeepsAudioFlowingBothWays() throws Exception {
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().sendingTone(400, -20));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();
        int oldPort = call.rtp().localPort();

        assertThat(call.moveMediaPort()).isEqualTo(200);

        int newPort = call.rtp().localPort();
        assertThat(newPort).isNotEqualTo(oldPort);
        assertThat(peer.remoteSdp()).contains("m=audio " + newPort + " ");
        org.confbridge.testkit.rtp.AudioMark moved = call.audio().mark();
        Thread.sleep(400);
        assertThat(call.audio().since(moved).containsTone(600, -26, Duration.ofMillis(200)))
                .as("the peer now sends to the new port").isTrue();
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).isTrue();
    }

    @Test
    void lateOfferIsAnsweredInTheAck() throws Exception {
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().lateOffer().sendingTone(400, -20));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(call.invite().hasSdp()).isFalse();
        assertThat(peer.awaitRequest("ACK", WAIT).hasSdp()).isTrue();
        assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).isTrue();
    }

    @Test
    void callOverTcpCarriesSignallingAndMedia() throws Exception {
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().transport(SipTransport.TCP).sendingTone(400, -20));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(peer.invite().header("Via")).containsIgnoringCase("TCP");
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).isTrue();
        peer.hangup();
        assertThat(call.awaitState(CallState.ENDED, WAIT)).isTrue();
        assertThat(call.awaitRequest("BYE", WAIT)).as("BYE recorded").isNotNull();
    }

    @Test
    void byeFromTheCalleeEndsTheCallerAndIsRecorded() throws Exception {
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        peer.hangup();
        assertThat(peer.state()).isEqualTo(CallState.ENDED);
        assertThat(call.awaitRequest("BYE", WAIT)).isNotNull();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(caller.requestsReceived()).anyMatch(r -> r.method().equals("BYE"));
        assertThat(call.rtp().isClosed()).isTrue();
    }

    @Test
    void calleeCanHoldTheCallerByReinvite() throws Exception {
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().sendingTone(400, -20));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).isTrue();

        assertThat(peer.hold()).isEqualTo(200);

        assertThat(call.remoteDirection()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(call.localDirection()).isEqualTo(MediaDirection.RECVONLY);
        Thread.sleep(200);
        int frames = peer.audio().frameCount();
        Thread.sleep(400);
        assertThat(peer.audio().frameCount() - frames).as("a held caller stops sending").isLessThanOrEqualTo(1);
        assertThat(peer.unhold()).isEqualTo(200);
        assertThat(peer.audio().awaitTone(400, -26, WAIT)).isTrue();
    }

    @Test
    void toneSilenceAndWavFollowWhatThePeerSends(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.confbridge.testkit.rtp.AudioMark start = org.confbridge.testkit.rtp.AudioMark.now();
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();
        assertThat(call.audio().awaitSilence(-60, Duration.ofMillis(300))).as("a tone is not silence").isFalse();

        org.confbridge.testkit.rtp.AudioMark toneEnd = call.audio().mark();
        peer.sendSilence();
        assertThat(call.audio().awaitNoTone(600, -50, WAIT)).isTrue();
        assertThat(call.audio().awaitSilence(-60, WAIT)).isTrue();
        org.confbridge.testkit.rtp.AudioMark silent = call.audio().mark();
        Thread.sleep(300);
        assertThat(call.audio().hearsToneBetween(600, -26, start, toneEnd)).isTrue();
        assertThat(call.audio().hearsToneBetween(600, -50, silent, call.audio().mark())).isFalse();
        assertThat(call.audio().since(silent).duration()).isGreaterThan(Duration.ofMillis(200));

        java.nio.file.Path wav = dir.resolve("heard.wav");
        int heardBefore = call.audio().all().length();
        call.audio().writeWav(wav);
        org.confbridge.testkit.audio.AudioClip saved = org.confbridge.testkit.audio.WavFiles.readMono(wav);
        assertThat(saved.length()).isGreaterThanOrEqualTo(heardBefore);
        assertThat(saved.containsTone(600, -26, Duration.ofMillis(200))).isTrue();
        assertThat(saved.slice(saved.duration().minusMillis(200), Duration.ofMillis(200)).rmsDbfs()).isLessThan(-60);
    }

    @Test
    void hangingUpAnUnansweredIncomingCallDeclinesIt() throws Exception {
        callee.onIncoming(IncomingPolicy.ringForever());
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.RINGING, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        peer.hangup();
        assertThat(call.awaitState(CallState.FAILED, WAIT)).isTrue();
        assertThat(call.finalStatus()).isEqualTo(603);
    }
}
