package org.confbridge.interfaces.rest.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.validation.constraints.NotNull;
import org.confbridge.app.moderation.LiveConferenceSummary;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.conference.PendingInvite;
import org.confbridge.domain.participant.ParticipantId;

/** JSON bodies of the live conference API (snake_case). */
public final class LiveDtos {

    private LiveDtos() {
    }

    /** A live conference. */
    public record Conference(@JsonProperty("extension_id") long extensionId,
                             @JsonProperty("number") String number,
                             @JsonProperty("locked") boolean locked,
                             @JsonProperty("mute_all") boolean muteAll,
                             @JsonProperty("join_notifications") boolean joinNotifications,
                             @JsonProperty("callers_entering_pin") int callersEnteringPin,
                             @JsonProperty("participants") List<LiveParticipant> participants,
                             @JsonProperty("pending_invites") List<Invite> pendingInvites) {
        static Conference of(LiveConferenceSummary summary) {
            var state = summary.state();
            return new Conference(state.extensionId(), summary.number(), state.locked(), state.muteAllActive(),
                    state.joinNotificationsOn(), state.callersEnteringPin(),
                    state.participants().stream().map(LiveParticipant::of).toList(),
                    state.pendingInvites().stream().map(Invite::of).toList());
        }
    }

    /**
     * A participant. {@code origin}: {@code dial_in} or {@code invited}; {@code in_room} false while they
     * still record their name; {@code invited_by} the id of the participant who keyed *8.
     */
    public record LiveParticipant(@JsonProperty("id") String id,
                                  @JsonProperty("number") String number,
                                  @JsonProperty("name") String name,
                                  @JsonProperty("role") String role,
                                  @JsonProperty("origin") String origin,
                                  @JsonProperty("muted") boolean muted,
                                  @JsonProperty("in_room") boolean inRoom,
                                  @JsonProperty("joined_at") Instant joinedAt,
                                  @JsonProperty("invited_by") String invitedBy) {
        static LiveParticipant of(Participant p) {
            return new LiveParticipant(token(p.id()), p.number(), p.displayName(),
                    p.role().name().toLowerCase(Locale.ROOT), p.origin().name().toLowerCase(Locale.ROOT),
                    p.muted(), p.inRoom(), p.joinedAt(), p.invitedBy() == null ? null : token(p.invitedBy()));
        }
    }

    /** An invite whose call is not answered yet; {@code state}: {@code calling} or {@code ringing}. */
    public record Invite(@JsonProperty("id") String id,
                         @JsonProperty("number") String number,
                         @JsonProperty("state") String state,
                         @JsonProperty("invited_by") String invitedBy,
                         @JsonProperty("started_at") Instant startedAt,
                         @JsonProperty("no_answer_at") Instant noAnswerAt) {
        static Invite of(PendingInvite i) {
            return new Invite(i.id().value(), i.number().value(), i.state().name().toLowerCase(Locale.ROOT),
                    i.inviter() == null ? null : token(i.inviter()), i.startedAt(), i.deadline());
        }
    }

    /** Body of POST .../invite. */
    public record InviteRequest(@JsonProperty("number") @NotNull(message = "the number to call is required")
                                String number) {
    }

    /** Body of PUT .../participant/{id}. */
    public record ParticipantUpdate(@JsonProperty("muted") @NotNull(message = "muted (true or false) is required")
                                    Boolean muted) {
    }

    /** The participant id as a URL-safe token (leg ids contain ';' and '@'). */
    static String token(ParticipantId id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.value().getBytes(StandardCharsets.UTF_8));
    }

    /** The participant id of a token; null when it is no token of ours. */
    static ParticipantId participant(String token) {
        try {
            String value = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return value.isBlank() ? null : ParticipantId.of(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
