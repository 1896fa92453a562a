package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.confbridge.testkit.rtp.AudioMark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller observes for each way the test phone can treat an incoming call. */
class IncomingPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestPhone caller;
    private TestPhone callee;

    @BeforeEach
    void startPhones() throws Exception {
        caller = TestPhone.start();
        callee = TestPhone.start();
    }

    @AfterEach
    void closePhones() {
        caller.close();
        callee.close();
    }

    @Test
    void busyCalleeFailsTheCallWith486() throws Exception {
        callee.onIncoming(IncomingPolicy.busy());
        Call call = caller.call(callee.uri("gw"));
        assertThat(call.awaitState(CallState.FAILED, WAIT)).isTrue();
        assertThat(call.finalStatus()).isEqualTo(486);
        assertThat(call.awaitState(CallState.ANSWERED, Duration.ZERO)).isFalse();
        assertThat(call.awaitState(CallState.RINGING, Duration.ZERO)).as("486 came without 180").isFalse();
        assertThat(callee.awaitIncomingCall(WAIT).state()).isEqualTo(CallState.FAILED);
    }

    @Test
    void rejectingCalleeSendsTheChosenCode() throws Exception {
        callee.onIncoming(IncomingPolicy.reject(503));
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.FAILED, WAIT);
        assertThat(call.finalStatus()).isEqualTo(503);
    }

    @Test
    void ringingForeverUntilTheCallerCancels() throws Exception {
        callee.onIncoming(IncomingPolicy.ringForever());
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.RINGING, WAIT);
        Thread.sleep(500);
        assertThat(call.state()).as("still ringing, nobody answers").isEqualTo(CallState.RINGING);

        call.cancel();

        assertThat(call.state()).isEqualTo(CallState.FAILED);
        assertThat(call.finalStatus()).isEqualTo(487);
        Call seen = callee.awaitIncomingCall(WAIT);
        assertThat(seen.awaitState(CallState.FAILED, WAIT)).isTrue();
        assertThat(seen.awaitRequest("CANCEL", WAIT)).as("CANCEL recorded").isNotNull();
    }

    @Test
    void answerTimeoutMakesTheCallerCancelByItself() throws Exception {
        callee.onIncoming(IncomingPolicy.ringForever());
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().answerTimeout(Duration.ofMillis(800)));
        assertThat(call.awaitState(CallState.FAILED, WAIT)).isTrue();
        assertThat(call.finalStatus()).isEqualTo(487);
    }

    @Test
    void earlyMediaIsHeardBeforeTheAnswer() throws Exception {
        callee.onIncoming(IncomingPolicy.earlyMediaThenAnswer(Duration.ofMillis(1500)).sendingTone(700, -20));
        AudioMark start = AudioMark.now();
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.EARLY_MEDIA, WAIT);
        assertThat(call.provisionalStatuses()).contains(183);
        assertThat(call.audio().awaitTone(700, -26, WAIT)).isTrue();
        assertThat(call.state()).as("tone heard while still early").isEqualTo(CallState.EARLY_MEDIA);
        AudioMark beforeAnswer = AudioMark.now();

        call.expectState(CallState.ANSWERED, WAIT);
        assertThat(call.audio().hearsToneBetween(700, -26, start, beforeAnswer)).isTrue();
        assertThat(call.audio().awaitTone(700, -26, WAIT)).as("same stream continues after 200").isTrue();
    }

    @Test
    void answerAfterADelayRingsFirst() throws Exception {
        callee.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(700)));
        long t0 = System.nanoTime();
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.ANSWERED, WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
        assertThat(call.provisionalStatuses()).contains(180);
    }

    @Test
    void answeredCallHasPassedRingingEvenWhenAwaitedLate() throws Exception {
        callee.onIncoming(IncomingPolicy.earlyMediaThenAnswer(Duration.ZERO));
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.ANSWERED, WAIT);
        assertThat(call.provisionalStatuses()).doesNotContain(180);
        assertThat(call.awaitState(CallState.RINGING, Duration.ZERO)).isTrue();
        assertThat(call.awaitState(CallState.FAILED, Duration.ZERO)).isFalse();
    }

    @Test
    void offerWithoutACommonCodecGets488() throws Exception {
        callee.onIncoming(IncomingPolicy.answer());
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().codecs(Codec.of(96, "opus", 48000)));
        call.expectState(CallState.FAILED, WAIT);
        assertThat(call.finalStatus()).isEqualTo(488);
    }

    @Test
    void calleeAcceptingOnlyPcmaNegotiatesPcma() throws Exception {
        callee.onIncoming(IncomingPolicy.answer().codecs(Codec.PCMA).sendingTone(500, -20));
        Call call = caller.call(callee.uri("gw"), CallOptions.defaults().codecs(Codec.PCMU, Codec.PCMA));
        call.expectState(CallState.ANSWERED, WAIT);
        assertThat(call.codec()).isEqualTo(Codec.PCMA);
        assertThat(call.audio().awaitTone(500, -26, WAIT)).isTrue();
        assertThat(call.audio().frames().get(call.audio().frameCount() - 1).payloadType()).isEqualTo(8);
    }

    @Test
    void calleeRecordsTheInviteItSaw() throws Exception {
        callee.onIncoming(IncomingPolicy.answer());
        Call call = caller.call(callee.uri("4711"), CallOptions.defaults().from("conf", "Conference 1000"));
        call.expectState(CallState.ANSWERED, WAIT);
        SipMessageRecord invite = callee.awaitIncomingCall(WAIT).invite();
        assertThat(invite.requestUri()).startsWith("sip:4711@");
        assertThat(invite.header("From")).contains("\"Conference 1000\"").contains("sip:conf@");
        assertThat(invite.hasSdp()).isTrue();
        assertThat(invite.body()).contains("telephone-event/8000");
    }
}
