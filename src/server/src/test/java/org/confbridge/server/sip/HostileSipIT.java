package org.confbridge.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile SIP against a running server with a deliberately small RTP port pool: broken offers, poison
 * charsets, multicast targets, PIN guessing, INVITE floods, forgotten holds, callers behind NAT. After
 * each attack a normal caller must still get in (the proof that nothing leaked).
 */
class HostileSipIT {

    /** The pool is small so that a leak of one port per attack would lock everybody out at once. */
    private static final int RTP_PORTS = 24;
    private static final Duration ANSWER = Duration.ofSeconds(5);

    private static RunningServer server;
    private static ConferenceFixture fixture;
    private static ConferenceFixture.Conference open;

    @BeforeAll
    static void start() {
        server = RunningServer.start(java.util.Map.of(
                "CONF_RTP_PORT_MIN", "47100", "CONF_RTP_PORT_MAX", String.valueOf(47100 + RTP_PORTS - 1),
                "CONF_SIP_INVITE_RATE", "5", "CONF_SIP_INVITE_BURST", "8",
                "CONF_PIN_FAILURES_MAX", "5", "CONF_PIN_BLOCK_SECONDS", "120",
                "CONF_HOLD_TIMEOUT_SECONDS", "3"));
        fixture = new ConferenceFixture(server);
        open = fixture.create(null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String uri(ConferenceFixture.Conference conference) {
        return "sip:" + conference.number() + "@127.0.0.1:" + server.sipPort();
    }

    private static RawSip from(String address) throws Exception {
        return new RawSip(address, server.sipPort());
    }

    /** A normal phone still gets in: answered, and it hears the conference. */
    private static void aNormalCallerStillGetsIn() throws Exception {
        try (TestPhone phone = TestPhone.start()) {
            Call call = fixture.dial(phone, open, 700);
            call.expectState(CallState.ANSWERED, ConferenceFixture.ANSWER_TIMEOUT);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (call.audio().frameCount() < 25 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(call.audio().frameCount()).as("RTP from the server").isGreaterThanOrEqualTo(25);
            call.hangup();
        }
    }

    @Test
    void brokenOffersPoisonCharsetsAndMulticastTargetsAreRefusedAndLeakNoPort() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < RTP_PORTS * 3; i++) {
            try (RawSip attacker = from("127.0.1." + (1 + i))) { // many sources: the flood limit is not what stops them
                RawSip.Request invite = new RawSip.Request("INVITE", uri(open));
                switch (i % 4) {
                    case 0 -> invite.body = RawSip.sdp("127.0.0.1", 70000);
                    case 1 -> {
                        invite.body = RawSip.sdp("127.0.0.1", 4000);
                        invite.contentType = "application/sdp;charset=bogus";
                    }
                    case 2 -> invite.body = RawSip.sdp("224.0.0.1", 4000);
                    default -> invite.body = RawSip.sdp("255.255.255.255", 4000);
                }
                String answer = attacker.finalResponse(invite, ANSWER);
                assertThat(answer).as("a final answer to attack " + i).isNotNull();
                answers.add(i % 4 + ":" + RawSip.status(answer));
            }
        }
        assertThat(answers).as("impossible port: 400 or 488").allSatisfy(a -> {
            int kind = a.charAt(0) - '0';
            int status = Integer.parseInt(a.substring(2));
            switch (kind) {
                case 0 -> assertThat(status).isIn(400, 488);
                case 1 -> assertThat(status).as("unknown charset").isEqualTo(415);
                default -> assertThat(status).as("multicast / broadcast RTP").isEqualTo(488);
            }
        });
        aNormalCallerStillGetsIn();
        aNormalCallerStillGetsIn();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"udp", "tcp"})
    void malformedAndUnservedRequestsGetTheAnswersOfRfc3261(String transport) throws Exception {
        java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        java.util.Map<String, RawSip.Request> requests = new java.util.LinkedHashMap<>();
        RawSip.Request noContact = new RawSip.Request("INVITE", uri(open));
        noContact.contact = null;
        noContact.body = RawSip.sdp("127.0.0.1", 4000);
        requests.put("INVITE without Contact", noContact);
        expected.put("INVITE without Contact", 400);
        RawSip.Request otherVersion = new RawSip.Request("OPTIONS", uri(open));
        otherVersion.version = "SIP/3.0";
        requests.put("SIP/3.0", otherVersion);
        expected.put("SIP/3.0", 505);
        RawSip.Request notify = new RawSip.Request("NOTIFY", uri(open));
        notify.extra.add("Event: presence");
        requests.put("NOTIFY", notify);
        expected.put("NOTIFY", 481);
        RawSip.Request publish = new RawSip.Request("PUBLISH", uri(open));
        publish.extra.add("Event: presence");
        requests.put("PUBLISH", publish);
        expected.put("PUBLISH", 489);
        requests.put("MESSAGE", new RawSip.Request("MESSAGE", uri(open)));
        expected.put("MESSAGE", 405);
        for (var entry : requests.entrySet()) {
            String answer;
            if (transport.equals("udp")) {
                try (RawSip sip = from("127.0.7.1")) {
                    answer = sip.finalResponse(entry.getValue(), ANSWER);
                }
            } else {
                answer = RawSip.overTcp(entry.getValue(), server.sipPort(), ANSWER);
            }
            assertThat(answer).as(entry.getKey() + " over " + transport).isNotNull();
            assertThat(RawSip.status(answer)).as(entry.getKey() + " over " + transport + ": " + answer.split("\r\n")[0])
                    .isEqualTo(expected.get(entry.getKey()));
        }
        aNormalCallerStillGetsIn();
    }

    @Test
    void anInfoWithAPoisonCharsetIsAnswered415AndTheCallGoesOn() throws Exception {
        try (RawSip caller = from("127.0.2.1")) {
            RawSip.Request invite = new RawSip.Request("INVITE", uri(open));
            String ok = answered(caller, invite);
            RawSip.Request info = new RawSip.Request("INFO", invite);
            info.toTag = RawSip.toTag(ok);
            info.contentType = "application/dtmf-relay;charset=bogus";
            info.body = "Signal=1\r\nDuration=160\r\n";
            assertThat(RawSip.status(caller.finalResponse(info, ANSWER))).isEqualTo(415);
            RawSip.Request bye = new RawSip.Request("BYE", invite);
            bye.toTag = RawSip.toTag(ok);
            bye.cseq = 3;
            assertThat(RawSip.status(caller.finalResponse(bye, ANSWER))).as("the call was still up").isEqualTo(200);
        }
        aNormalCallerStillGetsIn();
    }

    @Test
    void wrongPinsFromOneAddressGet403ForAWhileWhileOthersStillGetIn() throws Exception {
        ConferenceFixture.Conference guarded = fixture.create("{\"pin\":\"2468\"}");
        // Two calls of three wrong PINs each; the server hangs up each one after the third, and that BYE
        // comes after the wrong PINs were counted: the test waits for it instead of for time.
        String[] guesses = {"1111", "2222", "3333", "4444", "5555", "6666"};
        try (RawSip guesser = from("127.0.3.1")) {
            int guess = 0;
            while (guess < guesses.length) {
                RawSip.Request invite = new RawSip.Request("INVITE", uri(guarded));
                String ok = answered(guesser, invite);
                int cseq = 2;
                for (int inCall = 0; inCall < 3 && guess < guesses.length; inCall++, guess++) {
                    for (char key : (guesses[guess] + "#").toCharArray()) {
                        RawSip.Request info = new RawSip.Request("INFO", invite);
                        info.toTag = RawSip.toTag(ok);
                        info.cseq = cseq++;
                        info.contentType = "application/dtmf-relay";
                        info.body = "Signal=" + key + "\r\nDuration=160\r\n";
                        String answer = guesser.finalResponse(info, ANSWER);
                        if (answer == null || RawSip.status(answer) != 200) {
                            break; // hung up after the third wrong PIN
                        }
                    }
                }
                assertThat(awaitRequest(guesser, "BYE", Duration.ofSeconds(15)))
                        .as("hung up after three wrong PINs").isNotNull();
            }
            RawSip.Request again = new RawSip.Request("INVITE", uri(guarded));
            again.body = RawSip.sdp("127.0.0.1", 4000);
            String refused = awaitFinal(guesser, again);
            assertThat(RawSip.status(refused)).as(refused).isEqualTo(403);
            assertThat(Integer.parseInt(RawSip.header(refused, "Retry-After"))).isBetween(1, 120);
        }
        try (RawSip other = from("127.0.3.2")) {
            RawSip.Request invite = new RawSip.Request("INVITE", uri(guarded));
            String ok = answered(other, invite);
            RawSip.Request bye = new RawSip.Request("BYE", invite);
            bye.toTag = RawSip.toTag(ok);
            other.finalResponse(bye, ANSWER);
        }
    }

    /** Sends {@code invite} with a plain offer, expects 200 and acknowledges it; returns the 200. */
    private static String answered(RawSip sip, RawSip.Request invite) throws Exception {
        invite.body = RawSip.sdp("127.0.0.1", 4000);
        String ok = sip.finalResponse(invite, ANSWER);
        assertThat(ok).as("an answer to the INVITE").isNotNull();
        assertThat(RawSip.status(ok)).as(ok).isEqualTo(200);
        sip.ack(invite, ok);
        return ok;
    }

    /** The final answer, skipping late messages of earlier calls (a BYE, retransmissions). */
    private static String awaitFinal(RawSip sip, RawSip.Request request) throws Exception {
        String answer = sip.finalResponse(request, ANSWER);
        assertThat(answer).as("a final answer").isNotNull();
        return answer;
    }

    @Test
    void anInviteFloodFromOneAddressIsRefused503ButOthersAreServed() throws Exception {
        int answered = 0;
        int refused = 0;
        try (RawSip flooder = from("127.0.4.1")) {
            java.util.Map<String, RawSip.Request> invites = new java.util.HashMap<>();
            for (int i = 0; i < 30; i++) { // all at once, as a flood comes
                RawSip.Request invite = new RawSip.Request("INVITE", uri(open));
                invite.body = RawSip.sdp("127.0.0.1", 4000);
                invites.put(invite.callId, invite);
                flooder.send(invite);
            }
            java.util.Set<String> settled = new java.util.HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (settled.size() < invites.size() && System.nanoTime() < deadline) {
                String message = flooder.receive(Duration.ofMillis(500));
                if (message == null || !message.startsWith("SIP/2.0 ") || RawSip.status(message) < 200) {
                    continue;
                }
                RawSip.Request invite = invites.get(RawSip.header(message, "Call-ID"));
                if (invite == null || !settled.add(invite.callId)) {
                    continue;
                }
                if (RawSip.status(message) == 200) {
                    answered++;
                    flooder.ack(invite, message);
                    RawSip.Request bye = new RawSip.Request("BYE", invite);
                    bye.toTag = RawSip.toTag(message);
                    flooder.send(bye); // its 200 is skipped above (another Call-ID already settled)
                } else {
                    assertThat(RawSip.status(message)).as(message).isEqualTo(503);
                    assertThat(RawSip.header(message, "Retry-After")).isNotNull();
                    refused++;
                }
            }
            assertThat(settled).as("every INVITE of the flood got a final answer").hasSize(invites.size());
        }
        assertThat(refused).as("the flood is cut").isGreaterThan(0);
        assertThat(answered).as("the burst is served").isGreaterThanOrEqualTo(8);
        aNormalCallerStillGetsIn();
    }

    @Test
    void aCallLeftOnHoldIsEndedAfterTheHoldTimeout() throws Exception {
        try (RawSip caller = from("127.0.5.1")) {
            RawSip.Request invite = new RawSip.Request("INVITE", uri(open));
            String ok = answered(caller, invite);
            RawSip.Request hold = new RawSip.Request("INVITE", invite);
            hold.toTag = RawSip.toTag(ok);
            hold.body = RawSip.sdp("127.0.0.1", 4000) + "a=inactive\r\n";
            String held = caller.finalResponse(hold, ANSWER);
            assertThat(RawSip.status(held)).isEqualTo(200);
            RawSip.Request ack = new RawSip.Request("ACK", hold);
            ack.toTag = RawSip.toTag(ok);
            ack.cseq = hold.cseq;
            caller.send(ack);
            long heldAt = System.nanoTime();
            String bye = awaitRequest(caller, "BYE", Duration.ofSeconds(10));
            long seconds = (System.nanoTime() - heldAt) / 1_000_000_000L;
            assertThat(bye).as("the server ends the forgotten held call").isNotNull();
            assertThat(seconds).as("after the 3 s hold timeout").isBetween(2L, 8L);
        }
    }

    @Test
    void theServersByeReachesACallerBehindNatWhereItReallyIs() throws Exception {
        ConferenceFixture.Conference conference = fixture.create(null);
        try (RawSip caller = from("127.0.6.1")) {
            RawSip.Request invite = new RawSip.Request("INVITE", uri(conference));
            invite.contact = "<sip:raw@127.0.6.1:9>"; // a private address the server cannot reach
            invite.body = RawSip.sdp("127.0.0.1", 4000);
            String ok = caller.finalResponse(invite, ANSWER);
            assertThat(RawSip.status(ok)).isEqualTo(200);
            caller.ack(invite, ok);

            ApiClient api = new ApiClient(server.baseUrl());
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            String live = "/api/ver1.0/client/@me/live/" + conference.id();
            JsonNode participants = api.get(live, token).json().get("participants");
            assertThat(participants).hasSize(1);
            String id = participants.get(0).get("id").asText();
            assertThat(id).as("an id of the server's, not the Call-ID").matches("[a-z2-7]{12}").doesNotContain("raw");
            assertThat(api.delete(live + "/participant/" + id, token).status()).isIn(200, 204);

            String bye = awaitRequest(caller, "BYE", Duration.ofSeconds(10));
            assertThat(bye).as("BYE to the address the call came from").isNotNull();
            assertThat(bye).contains(invite.callId);
        }
    }

    private static String awaitRequest(RawSip sip, String method, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = sip.receive(Duration.ofMillis(200));
            if (message != null && message.startsWith(method + " ")) {
                return message;
            }
        }
        return null;
    }
}
