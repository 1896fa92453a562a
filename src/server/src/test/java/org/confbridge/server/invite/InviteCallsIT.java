package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.invite.InviteTrunk.assertStatus;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.confbridge.testkit.audio.AudioClip;
import org.confbridge.testkit.audio.WavFiles;
import org.confbridge.testkit.rtp.AudioMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code *8} through a trunk that is a test phone playing the gateway: the outbound call, its audio
 * both ways, its recording, and every way it can fail, each with the prompt the inviter hears.
 */
@ExtendWith(SharedTrunk.class)
class InviteCallsIT {

    private static final double INVITER = 500;
    private static final double INVITEE = 1100;
    private static final Duration HEAR = Duration.ofSeconds(8);
    /** Prompts queue behind each other ("only participant", "enter the number", "calling"...): allow for all of them. */
    private static final Duration PROMPT = Duration.ofSeconds(20);

    private final InviteTrunk trunk;

    InviteCallsIT(InviteTrunk trunk) {
        this.trunk = trunk;
    }

    @Test
    void answeredInviteJoinsTheRoomBothWaysAndIsRecordedInStereo() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(600))
                .sendingTone(INVITEE, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        AudioMark beforeKeys = alice.audio().mark();

        InviteTrunk.keyInvite(alice, number, org.confbridge.testkit.DtmfMode.RFC4733);
        Call invited = trunk.awaitGatewayCall(number);

        // The INVITE: the number at the trunk's host and port, our caller ID, our SDP offer.
        assertThat(invited.invite().requestUri()).isEqualTo("sip:" + number + "@127.0.0.1:" + trunk.gateway.sipPort());
        assertThat(invited.invite().header("From")).contains("sip:" + InviteTrunk.CALLER_ID + "@");
        assertThat(invited.invite().body()).contains("m=audio ");
        PromptEar.awaitPrompt(alice, beforeKeys, "invite_enter_number", PROMPT);
        PromptEar.awaitPrompt(alice, beforeKeys, "invite_calling", PROMPT);

        invited.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        assertThat(invited.audio().awaitTone(INVITER, HEARD_DBFS, HEAR)).as("the invited person hears the room").isTrue();
        assertThat(alice.audio().awaitTone(INVITEE, HEARD_DBFS, HEAR)).as("the room hears the invited person").isTrue();
        assertThat(invited.audio().toneLevel(INVITEE, Duration.ofMillis(400)))
                .as("the invited person does not hear themselves").isLessThan(NOT_HEARD_DBFS);

        // Live REST: alice dialled in, the invited number came in invited by her.
        JsonNode live = trunk.get(InviteTrunk.livePath(conference)).json();
        JsonNode participants = live.get("participants");
        assertThat(participants).hasSize(2);
        JsonNode inviter = participants.get(0);
        JsonNode guest = participants.get(1);
        assertThat(inviter.get("origin").asText()).isEqualTo("dial_in");
        assertThat(inviter.get("number").asText()).isEqualTo("alice");
        assertThat(guest.get("origin").asText()).isEqualTo("invited");
        assertThat(guest.get("number").asText()).isEqualTo(number);
        assertThat(guest.get("invited_by").asText()).isEqualTo(inviter.get("id").asText());
        assertThat(guest.get("joined_at").isNull()).isFalse();
        assertThat(live.get("pending_invites")).isEmpty();

        Thread.sleep(1500); // some recorded conversation
        invited.hangup();
        assertThat(alice.audio().awaitNoTone(INVITEE, NOT_HEARD_DBFS, HEAR)).as("gone from the room").isTrue();

        JsonNode recording = awaitRecording(conference, number);
        assertThat(recording.get("status").asText()).as(recording.toString()).isEqualTo("completed");
        assertThat(recording.get("inviter").asText()).isEqualTo("alice");
        assertThat(recording.get("extension").asText()).isEqualTo(conference.number());
        assertThat(recording.get("duration_ms").asLong()).isBetween(1500L, 10_000L);
        long size = recording.get("size_bytes").asLong();
        // 8 kHz, 16 bit, 2 channels: 32 bytes per ms plus the header
        assertThat(size).isBetween(44 + 32 * recording.get("duration_ms").asLong() - 3200,
                44 + 32 * recording.get("duration_ms").asLong() + 3200);

        ApiClient.Answer wav = trunk.get("/api/ver1.0/client/@me/recording/" + recording.get("id").asLong() + "/audio");
        assertStatus(wav, 200);
        assertThat(wav.header("Content-Type")).isEqualTo("audio/wav");
        assertThat((long) wav.bytes().length).isEqualTo(size);
        Path file = Files.createTempFile("recording-", ".wav");
        Files.write(file, wav.bytes());
        List<AudioClip> channels = WavFiles.readChannels(file);
        assertThat(channels).hasSize(2);
        AudioClip says = channels.get(0);
        AudioClip hears = channels.get(1);
        assertThat(says.toneLevelDbfs(INVITEE)).as("left: the invited person's voice").isGreaterThan(HEARD_DBFS);
        assertThat(says.toneLevelDbfs(INVITER)).as("left holds no room audio").isLessThan(NOT_HEARD_DBFS);
        assertThat(hears.toneLevelDbfs(INVITER)).as("right: what they heard (the room)").isGreaterThan(HEARD_DBFS);
        assertThat(hears.toneLevelDbfs(INVITEE)).as("right holds no own voice").isLessThan(NOT_HEARD_DBFS);
        Files.delete(file);
        alice.hangup();
    }

    @Test
    void earlyMediaThenAnswerJoinsTheRoom() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.earlyMediaThenAnswer(Duration.ofMillis(800))
                .sendingTone(INVITEE, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        invited.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        assertThat(alice.audio().awaitTone(INVITEE, HEARD_DBFS, HEAR)).isTrue();
        assertThat(invited.audio().awaitTone(INVITER, HEARD_DBFS, HEAR)).isTrue();
        // The invited party puts us on hold (nothing is sent to them) and takes us back (audio again).
        assertThat(invited.hold()).isEqualTo(200);
        Thread.sleep(300); // packets already on their way
        int atHold = invited.audio().frameCount();
        Thread.sleep(1000);
        assertThat(invited.audio().frameCount() - atHold).as("frames sent while on hold").isLessThan(3);
        assertThat(invited.unhold()).isEqualTo(200);
        int atResume = invited.audio().frameCount();
        Thread.sleep(1000);
        assertThat(invited.audio().frameCount() - atResume).as("frames in the second after resuming").isGreaterThan(25);
        assertThat(invited.audio().awaitTone(INVITER, HEARD_DBFS, HEAR)).isTrue();
        assertThat(alice.audio().awaitTone(INVITEE, HEARD_DBFS, HEAR)).as("the call goes on").isTrue();
        alice.hangup();
        // The last dial-in participant left: the invited call is not left half-open.
        assertThat(invited.awaitState(CallState.ENDED, HEAR) || invited.state() == CallState.ANSWERED).isTrue();
        invited.hangup();
    }

    @Test
    void busyTrunkTellsTheInviterTheLineIsBusy() throws Exception {
        expectFailurePrompt(IncomingPolicy.busy(), "invite_busy");
    }

    @Test
    void declinedCallTellsTheInviterItFailed() throws Exception {
        expectFailurePrompt(IncomingPolicy.reject(603), "invite_failed");
    }

    @Test
    void unknownNumberAtTheGatewayTellsTheInviterTheNumberIsInvalid() throws Exception {
        expectFailurePrompt(IncomingPolicy.reject(404), "invite_invalid_number");
    }

    @Test
    void unansweredCallIsCancelledAfterTheNoAnswerTimeout() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.ringForever());
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        long rangAt = System.nanoTime();
        assertThat(invited.awaitState(CallState.FAILED, Duration.ofSeconds(InviteTrunk.NO_ANSWER_SECONDS + 5)))
                .as("CANCEL after the no-answer timeout").isTrue();
        long rangMillis = (System.nanoTime() - rangAt) / 1_000_000;
        assertThat(rangMillis).isBetween(InviteTrunk.NO_ANSWER_SECONDS * 1000L - 1500, InviteTrunk.NO_ANSWER_SECONDS * 1000L + 2500);
        assertThat(invited.finalStatus()).as("487: ended by our CANCEL").isEqualTo(487);
        PromptEar.awaitPrompt(alice, mark, "invite_no_answer", PROMPT);
        assertThat(trunk.get(InviteTrunk.livePath(conference)).json().get("pending_invites")).isEmpty();
        alice.hangup();
    }

    @Test
    void inviterCancelsThePendingInviteWithStarEightHash() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.ringForever());
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        invited.awaitState(CallState.RINGING, Duration.ofSeconds(2));
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, ""); // *8# : cancel my pending invites
        PromptEar.awaitPrompt(alice, mark, "invite_cancelled", PROMPT);
        assertThat(invited.awaitState(CallState.FAILED, Duration.ofSeconds(1))).as("CANCEL at once").isTrue();
        assertThat(invited.finalStatus()).as("487: ended by our CANCEL").isEqualTo(487);
        alice.hangup();
    }

    @Test
    void aNumberThatIsNoNumberIsRefusedWithoutACall() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, "1"); // one digit: too short
        PromptEar.awaitPrompt(alice, mark, "invite_invalid_number", PROMPT);
        assertThat(trunk.gatewaySawCallTo("1")).isFalse();
        alice.hangup();
    }

    @Test
    void lockedConferenceRefusesTheInvite() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"moderator_pin\":\"4321\",\"pin\":\"1234\"}");
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answer());
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        alice.sendDigits("4321#", org.confbridge.testkit.DtmfMode.RFC4733);
        awaitParticipants(conference, 1);
        assertStatus(trunk.post(InviteTrunk.livePath(conference) + "/lock", ""), 200);
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, number);
        PromptEar.awaitPrompt(alice, mark, "invite_conference_locked", PROMPT);
        assertThat(trunk.gatewaySawCallTo(number)).isFalse();
        alice.hangup();
    }

    @Test
    void conferenceLockedWhileThePhoneRangTurnsTheAnswerAway() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofSeconds(2))
                .sendingTone(INVITEE, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        assertStatus(trunk.post(InviteTrunk.livePath(conference) + "/lock", ""), 200);
        AudioMark mark = alice.audio().mark();
        invited.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        AudioMark answered = invited.audio().mark();
        PromptEar.awaitPrompt(invited, answered, "conf_locked", PROMPT);
        assertThat(invited.awaitState(CallState.ENDED, PROMPT)).as("the invitee is hung up").isTrue();
        PromptEar.awaitPrompt(alice, mark, "invite_conference_locked", PROMPT);
        // The refused invitee (sending its tone all along) never reaches the room: over a window longer than
        // the prompt's pauses, alice never hears the tone (speech alone stays far below "heard").
        AudioMark from = AudioMark.now();
        Thread.sleep(1500);
        assertThat(alice.audio().hearsToneBetween(INVITEE, HEARD_DBFS, from, AudioMark.now()))
                .as("the refused invitee is not heard").isFalse();
        assertThat(trunk.get(InviteTrunk.livePath(conference)).json().get("participants")).hasSize(1);
        alice.hangup();
    }

    @Test
    void fullConferenceRefusesTheInvite() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"max_members\":1}");
        String number = InviteTrunk.newNumber();
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, number);
        PromptEar.awaitPrompt(alice, mark, "invite_conference_full", PROMPT);
        assertThat(trunk.gatewaySawCallTo(number)).isFalse();
        alice.hangup();
    }

    private void expectFailurePrompt(IncomingPolicy gatewayPolicy, String prompt) throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(gatewayPolicy);
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        AudioMark mark = alice.audio().mark();
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        assertThat(invited.awaitState(CallState.FAILED, InviteTrunk.CALL_TIMEOUT)).isTrue();
        PromptEar.awaitPrompt(alice, mark, prompt, PROMPT);
        JsonNode live = trunk.get(InviteTrunk.livePath(conference)).json();
        assertThat(live.get("participants")).hasSize(1);
        assertThat(live.get("pending_invites")).isEmpty();
        alice.hangup();
    }

    private void awaitParticipants(ConferenceFixture.Conference conference, int count) throws InterruptedException {
        long deadline = System.nanoTime() + HEAR.toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Answer live = trunk.get(InviteTrunk.livePath(conference));
            if (live.status() == 200 && live.json().get("participants").size() == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not " + count + " participants: " + trunk.get(InviteTrunk.livePath(conference)));
    }

    private JsonNode awaitRecording(ConferenceFixture.Conference conference, String number) throws InterruptedException {
        long deadline = System.nanoTime() + HEAR.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Answer list = trunk.get("/api/ver1.0/client/@me/recording/?extension_id=" + conference.id());
            assertStatus(list, 200);
            for (JsonNode item : list.json().get("items")) {
                if (item.get("number").asText().equals(number)) {
                    last = item;
                    if (!"recording".equals(item.get("status").asText())) {
                        return item;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("recording of " + number + " not finished: " + last);
    }
}
