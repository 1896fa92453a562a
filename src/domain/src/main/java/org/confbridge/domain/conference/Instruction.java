package org.confbridge.domain.conference;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.domain.participant.ParticipantId;

/**
 * What the conference decided and the adapter must carry out (through SIP and the media engine).
 *
 * <p>Order matters: instructions are returned in the order to carry them out. Instructions about the
 * same participant are sequential: audio is queued behind audio already playing to them, and a
 * {@link Hangup} or {@link RecordName} waits until the audio queued before it has been played.
 */
public sealed interface Instruction {

    /** Queue audio to one participant only (prompts, confirmations). */
    record Play(ParticipantId to, List<Audio> audio) implements Instruction {
        public Play {
            Objects.requireNonNull(to, "to");
            audio = List.copyOf(audio);
        }

        public static Play prompt(ParticipantId to, Prompt... prompts) {
            return new Play(to, Arrays.stream(prompts).map(Audio::of).toList());
        }
    }

    /** Play audio to everyone in the room, except {@code except} (null: nobody excepted). */
    record PlayToRoom(List<Audio> audio, ParticipantId except) implements Instruction {
        public PlayToRoom {
            audio = List.copyOf(audio);
        }
    }

    /** Connect the participant's call to the room's audio: from now on they hear the room and (unless muted) are heard. */
    record ConnectToRoom(ParticipantId participant, boolean muted) implements Instruction {
    }

    /** Change whether the room hears the participant. */
    record SetMuted(ParticipantId participant, boolean muted) implements Instruction {
    }

    /** Play music on hold to a participant who is alone; {@code loop} false: play once, then quiet. */
    record StartMusicOnHold(ParticipantId participant, Audio audio, boolean loop) implements Instruction {
    }

    /** Stop music on hold (someone else entered). */
    record StopMusicOnHold(ParticipantId participant) implements Instruction {
    }

    /** The caller keyed a wrong PIN (an attempt, not yet the decision): for limits against guessing. */
    record WrongPin(ParticipantId participant) implements Instruction {
    }

    /** Play ringback to an inviter while an invite they placed rings (looping, until {@link StopRingback}). */
    record StartRingback(ParticipantId participant) implements Instruction {
    }

    /** None of the inviter's invites rings any more (answered, failed, cancelled, timed out). */
    record StopRingback(ParticipantId participant) implements Instruction {
    }

    /**
     * Record the caller's name (after the prompts queued before it), at most {@code maxLength}, then
     * report it with {@link Conference#nameRecorded}.
     */
    record RecordName(ParticipantId participant, Duration maxLength) implements Instruction {
    }

    /** The caller pressed {@code #}: stop the name recording now (then report as usual). */
    record FinishNameRecording(ParticipantId participant) implements Instruction {
    }

    /** End the call (after the audio queued before it to this participant). */
    record Hangup(ParticipantId participant, HangupReason reason) implements Instruction {
    }

    /**
     * Place the outbound call of an invite through the trunk; report progress with
     * {@link Conference#inviteRinging}, {@link Conference#inviteAnswered}, {@link Conference#inviteFailed}.
     *
     * @param inviter null when the invite was made over REST
     */
    record PlaceInviteCall(InviteId invite, InviteNumber number, ParticipantId inviter) implements Instruction {
    }

    /** Abandon the outbound call of an invite (CANCEL if unanswered); no report is expected. */
    record CancelInviteCall(InviteId invite) implements Instruction {
    }

    /** Record this invited participant's call from now until it ends ({@code record_enabled}). */
    record StartRecording(ParticipantId participant, InviteNumber number, ParticipantId inviter)
            implements Instruction {
    }
}
