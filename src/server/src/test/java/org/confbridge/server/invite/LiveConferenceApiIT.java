package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.invite.InviteTrunk.assertStatus;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live conference REST API on real calls: the listing, moderator actions with their audible effect,
 * invites over REST with the rules of {@code *8}, and isolation between clients.
 */
@ExtendWith(SharedTrunk.class)
class LiveConferenceApiIT {

    private static final double ALICE = 500;
    private static final double GUEST = 1100;
    private static final Duration HEAR = Duration.ofSeconds(8);

    private final InviteTrunk trunk;

    LiveConferenceApiIT(InviteTrunk trunk) {
        this.trunk = trunk;
    }

    @Test
    void restInviteThenMuteUnmuteMuteAllLockAndRemove() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String live = InviteTrunk.livePath(conference);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(300))
                .sendingTone(GUEST, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", ALICE);

        ApiClient.Answer invite = trunk.post(live + "/invite", "{\"number\":\"" + number + "\"}");
        assertStatus(invite, 201);
        assertThat(invite.json().get("number").asText()).isEqualTo(number);
        assertThat(invite.json().get("invited_by").isNull()).isTrue();
        Call guest = trunk.awaitGatewayCall(number);
        guest.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).isTrue();

        JsonNode state = trunk.get(live).json();
        assertThat(state.get("number").asText()).isEqualTo(conference.number());
        JsonNode guestEntry = state.get("participants").get(1);
        assertThat(guestEntry.get("origin").asText()).isEqualTo("invited");
        assertThat(guestEntry.get("role").asText()).isEqualTo("participant");
        assertThat(guestEntry.get("invited_by").isNull()).isTrue();
        String guestPath = live + "/participant/" + guestEntry.get("id").asText();

        // Mute one: the room stops hearing the guest; unmute: heard again.
        ApiClient.Answer muted = trunk.put(guestPath, "{\"muted\":true}");
        assertStatus(muted, 200);
        assertThat(muted.json().get("participants").get(1).get("muted").asBoolean()).isTrue();
        assertThat(alice.audio().awaitNoTone(GUEST, NOT_HEARD_DBFS, HEAR)).isTrue();
        assertStatus(trunk.put(guestPath, "{\"muted\":false}"), 200);
        assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).isTrue();

        // Mute all (nobody is a moderator here): nobody hears anybody; unmute all.
        JsonNode all = trunk.post(live + "/mute_all", "").json();
        assertThat(all.get("mute_all").asBoolean()).isTrue();
        assertThat(all.get("participants").findValuesAsText("muted")).containsOnly("true");
        assertThat(alice.audio().awaitNoTone(GUEST, NOT_HEARD_DBFS, HEAR)).isTrue();
        assertThat(guest.audio().awaitNoTone(ALICE, NOT_HEARD_DBFS, HEAR)).isTrue();
        JsonNode none = trunk.post(live + "/unmute_all", "").json();
        assertThat(none.get("participants").findValuesAsText("muted")).containsOnly("false");
        assertThat(guest.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).isTrue();

        // Lock: a new caller is turned away, and an invite is refused with 409; unlock.
        assertThat(trunk.post(live + "/lock", "").json().get("locked").asBoolean()).isTrue();
        Call late = trunk.phones.call(trunk.fixture.uri(conference),
                org.confbridge.testkit.CallOptions.defaults().from("late", null));
        late.expectState(CallState.ANSWERED, ConferenceFixture.ANSWER_TIMEOUT);
        assertThat(late.awaitRequest("BYE", Duration.ofSeconds(15))).as("locked out").isNotNull();
        ApiClient.Answer refused = trunk.post(live + "/invite", "{\"number\":\"" + InviteTrunk.newNumber() + "\"}");
        assertStatus(refused, 409);
        assertThat(refused.body()).contains("locked");
        assertThat(trunk.post(live + "/unlock", "").json().get("locked").asBoolean()).isFalse();

        // Notifications off/on are flags of the live conference.
        assertThat(trunk.post(live + "/notifications_off", "").json().get("join_notifications").asBoolean()).isFalse();
        assertThat(trunk.post(live + "/notifications_on", "").json().get("join_notifications").asBoolean()).isTrue();

        // Remove the guest: their call gets a BYE, the room is down to Alice.
        assertStatus(trunk.delete(guestPath), 204);
        assertThat(guest.awaitState(CallState.ENDED, Duration.ofSeconds(10))).as("guest hung up").isTrue();
        assertThat(trunk.get(live).json().get("participants")).hasSize(1);
        assertStatus(trunk.delete(guestPath), 404);
        alice.hangup();
    }

    @Test
    void restInviteCanBeCancelledAndFollowsTheRulesOfStarEight() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String live = InviteTrunk.livePath(conference);
        assertStatus(trunk.post(live + "/invite", "{\"number\":\"5550001\"}"), 404); // nobody in it yet

        trunk.gateway.onIncoming(IncomingPolicy.ringForever());
        Call alice = trunk.dialIn(conference, "alice", ALICE);
        awaitLive(live);
        String number = InviteTrunk.newNumber();
        ApiClient.Answer invite = trunk.post(live + "/invite", "{\"number\":\"" + number + "\"}");
        assertStatus(invite, 201);
        Call ringing = trunk.awaitGatewayCall(number);
        ringing.awaitState(CallState.RINGING, Duration.ofSeconds(3));
        // The trunk's 180 reaches the conference's loop a moment after the phone sent it: wait for the view.
        JsonNode pending = awaitPendingState(live, "ringing");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("state").asText()).isEqualTo("ringing");

        assertStatus(trunk.post(live + "/invite", "{\"number\":\"" + number + "\"}"), 409); // already calling it
        ApiClient.Answer invalid = trunk.post(live + "/invite", "{\"number\":\"12ab\"}");
        assertStatus(invalid, 400);
        assertThat(invalid.body()).contains("number");
        assertStatus(trunk.post(live + "/invite", "{}"), 400);

        String invitePath = live + "/invite/" + invite.json().get("id").asText();
        assertStatus(trunk.delete(invitePath), 204);
        assertThat(ringing.awaitState(CallState.FAILED, Duration.ofSeconds(5))).as("CANCEL sent").isTrue();
        assertThat(ringing.finalStatus()).as("487: ended by our CANCEL").isEqualTo(487);
        assertThat(trunk.get(live).json().get("pending_invites")).isEmpty();
        assertStatus(trunk.delete(invitePath), 404);
        alice.hangup();
    }

    @Test
    void anotherClientSeesNoneOfItAndUnknownIdsAre404() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String live = InviteTrunk.livePath(conference);
        Call alice = trunk.dialIn(conference, "alice", ALICE);
        awaitLive(live);
        String other = trunk.otherClientToken();

        ApiClient.Answer list = trunk.api.get("/api/ver1.0/client/@me/live/", other);
        assertStatus(list, 200);
        assertThat(list.json()).isEmpty();
        assertStatus(trunk.api.get("/api/ver1.0/client/@me/live/" + conference.id(), other), 404);
        assertStatus(trunk.api.post("/api/ver1.0/client/@me/live/" + conference.id() + "/lock", other, ""), 404);
        assertStatus(trunk.api.post("/api/ver1.0/client/@me/live/" + conference.id() + "/invite", other,
                "{\"number\":\"5550001\"}"), 404);
        assertThat(trunk.get(live).json().get("locked").asBoolean()).as("untouched").isFalse();

        assertThat(trunk.get("/api/ver1.0/client/@me/live/").json().findValuesAsText("extension_id"))
                .contains(String.valueOf(conference.id()));
        assertStatus(trunk.put(live + "/participant/bm90LWEtbGVn", "{\"muted\":true}"), 404);
        assertStatus(trunk.put(live + "/participant/bm90LWEtbGVn", "{}"), 400);
        assertStatus(trunk.get("/api/ver1.0/client/@me/live/999999999"), 404);
        alice.hangup();
        awaitGone(live);
    }

    private void awaitLive(String live) throws InterruptedException {
        long deadline = System.nanoTime() + HEAR.toNanos();
        while (System.nanoTime() < deadline && trunk.get(live).status() != 200) {
            Thread.sleep(100);
        }
        assertStatus(trunk.get(live), 200);
    }

    /** The live view's pending invitations once the first is in {@code state} (or the last seen after a while). */
    private JsonNode awaitPendingState(String live, String state) throws InterruptedException {
        long deadline = System.nanoTime() + HEAR.toNanos();
        JsonNode pending = trunk.get(live).json().get("pending_invites");
        while (System.nanoTime() < deadline
                && !(pending.size() > 0 && state.equals(pending.get(0).get("state").asText()))) {
            Thread.sleep(50);
            pending = trunk.get(live).json().get("pending_invites");
        }
        return pending;
    }

    private void awaitGone(String live) throws InterruptedException {
        long deadline = System.nanoTime() + HEAR.toNanos();
        while (System.nanoTime() < deadline && trunk.get(live).status() != 404) {
            Thread.sleep(100);
        }
        assertStatus(trunk.get(live), 404);
    }
}
