package org.confbridge.domain.conference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.domain.keys.DtmfKeys;
import org.confbridge.domain.keys.KeyCommand;
import org.confbridge.domain.keys.KeyEvent;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.participant.Role;
import org.confbridge.domain.pin.PinEntry;
import org.confbridge.domain.pin.PinOutcome;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * One live conference (of one conference extension): who is in it, its runtime flags, and every
 * decision about callers, keys, announcements, music on hold and invites.
 *
 * <p>Each method takes the current time and returns the {@link Instruction}s the adapter carries out,
 * in order. Where to look:
 * <ul>
 *   <li>a call arrives: {@link #arrive} (PIN, then admission, then name, then the room)</li>
 *   <li>a DTMF key arrives: {@link #pressKey}; what each command does: {@link #handleKey}</li>
 *   <li>time passes: {@link #tick} at {@link #nextDeadline()} (PIN, key and invite timeouts)</li>
 *   <li>a call ends: {@link #leave}</li>
 *   <li>invites: {@link #requestInvite}, {@link #inviteAnswered}, {@link #inviteFailed}, {@link #cancelInvite}</li>
 *   <li>REST moderator actions: {@link #setMuted}, {@link #muteAllNonModerators}, {@link #lock}, ...</li>
 * </ul>
 * Calls about unknown participants or invites (a late key after a BYE, a race) return no instructions.
 * Not thread-safe: the application layer serialises calls per conference.
 */
public final class Conference {

    private final long extensionId;
    private final ConferencePolicy policy;
    private ConferenceSettings settings = ConferenceSettings.DEFAULTS;

    private final Map<ParticipantId, PendingCaller> enteringPin = new LinkedHashMap<>();
    private final Map<ParticipantId, LiveParticipant> participants = new LinkedHashMap<>();
    private final InviteBook invites = new InviteBook();

    // Runtime flags: they live only while someone is in the conference (reset by the last one leaving).
    private boolean locked;
    private boolean muteAllActive;
    private boolean joinNotificationsOn = true;

    private record PendingCaller(Caller caller, PinEntry pin) {
    }

    public Conference(long extensionId, ConferencePolicy policy) {
        this(extensionId, policy, ConferenceSettings.DEFAULTS);
    }

    /** A conference that starts with the extension's properties as stored when its first caller arrived. */
    public Conference(long extensionId, ConferencePolicy policy, ConferenceSettings settings) {
        this.extensionId = extensionId;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    // ---------------------------------------------------------------- arrival, PIN, admission

    /**
     * A call arrives; the settings in force decide its PIN and admission. Nothing about the others
     * changes because someone arrives (property changes come through {@link #changeSettings}).
     */
    public List<Instruction> arrive(Caller caller, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        if (enteringPin.containsKey(caller.id()) || participants.containsKey(caller.id())) {
            throw new IllegalStateException("participant " + caller.id() + " is already in conference " + extensionId);
        }
        PinEntry pin = PinEntry.start(settings, policy.pin(), now);
        if (pin.outcome() instanceof PinOutcome.Granted granted) {
            return admit(caller, granted.role(), now);
        }
        enteringPin.put(caller.id(), new PendingCaller(caller, pin));
        return List.of(Instruction.Play.prompt(caller.id(), Prompt.PIN_REQUEST));
    }

    /** Whether one more participant may enter now (locked refuses everyone; full at {@code max_members}). */
    public Admission admission() {
        if (locked) {
            return Admission.REFUSED_LOCKED;
        }
        if (participants.size() >= settings.effectiveMaxMembers()) {
            return Admission.REFUSED_FULL;
        }
        return Admission.ADMITTED;
    }

    private List<Instruction> afterPin(PendingCaller pending, PinOutcome outcome, Instant now) {
        ParticipantId id = pending.caller().id();
        boolean wrongPin = outcome instanceof PinOutcome.Denied d && d.reason() == PinOutcome.Reason.TOO_MANY_WRONG_PINS
                || outcome instanceof PinOutcome.Waiting w && w.prompt() == PinOutcome.PinPrompt.PIN_WRONG;
        if (wrongPin) {
            List<Instruction> out = new ArrayList<>();
            out.add(new Instruction.WrongPin(id)); // the adapter counts them per source (brute force)
            out.addAll(pinResult(pending, outcome, now));
            return out;
        }
        return pinResult(pending, outcome, now);
    }

    private List<Instruction> pinResult(PendingCaller pending, PinOutcome outcome, Instant now) {
        ParticipantId id = pending.caller().id();
        if (outcome instanceof PinOutcome.Granted granted) {
            enteringPin.remove(id);
            return admit(pending.caller(), granted.role(), now);
        }
        if (outcome instanceof PinOutcome.Denied denied) {
            enteringPin.remove(id);
            HangupReason reason = denied.reason() == PinOutcome.Reason.TIMEOUT
                    ? HangupReason.PIN_TIMEOUT : HangupReason.PIN_FAILED;
            return List.of(Instruction.Play.prompt(id, Prompt.valueOf(denied.prompt().name())),
                    new Instruction.Hangup(id, reason));
        }
        PinOutcome.Waiting waiting = (PinOutcome.Waiting) outcome;
        return waiting.prompt() == null ? List.of()
                : List.of(Instruction.Play.prompt(id, Prompt.valueOf(waiting.prompt().name())));
    }

    private List<Instruction> admit(Caller caller, Role role, Instant now) {
        Admission admission = admission();
        if (admission != Admission.ADMITTED) {
            return refuse(caller.id(), admission);
        }
        LiveParticipant p = new LiveParticipant(caller, role, Origin.DIAL_IN, null, now, policy.keys());
        participants.put(p.id, p);
        if (settings.announceCallerName()) {
            // The seat is taken now; the caller enters the room once the name is recorded.
            return List.of(Instruction.Play.prompt(p.id, Prompt.SAY_NAME, Prompt.BEEP),
                    new Instruction.RecordName(p.id, policy.nameRecordingMax()));
        }
        return join(p, now);
    }

    private static List<Instruction> refuse(ParticipantId id, Admission admission) {
        boolean isLocked = admission == Admission.REFUSED_LOCKED;
        return List.of(Instruction.Play.prompt(id, isLocked ? Prompt.CONF_LOCKED : Prompt.CONF_FULL),
                new Instruction.Hangup(id, isLocked ? HangupReason.CONFERENCE_LOCKED : HangupReason.CONFERENCE_FULL));
    }

    /**
     * The caller's name recording ended. {@code reference} identifies the recording for later
     * {@link Audio.RecordedName} playback; null when nothing usable was recorded (then no name is announced).
     */
    public List<Instruction> nameRecorded(ParticipantId id, String reference, Instant now) {
        LiveParticipant p = participants.get(id);
        if (p == null || p.inRoom) {
            return List.of();
        }
        p.nameRecording = reference;
        return join(p, now);
    }

    // ---------------------------------------------------------------- joining and leaving the room

    private List<Instruction> join(LiveParticipant p, Instant now) {
        List<LiveParticipant> others = inRoom();
        p.inRoom = true;
        p.joinedAt = now;
        p.muted = p.muted || entersMuted(p); // a REST mute before entering is kept
        List<Instruction> out = new ArrayList<>();
        if (p.origin == Origin.INVITED && settings.recordEnabled()) {
            out.add(new Instruction.StartRecording(p.id, InviteNumber.of(p.number), p.invitedBy));
            out.add(Instruction.Play.prompt(p.id, Prompt.RECORDING_NOTICE));
        }
        out.add(new Instruction.ConnectToRoom(p.id, p.muted));
        if (others.isEmpty()) {
            out.add(musicOnHoldFor(p.id));
            return out;
        }
        if (others.size() == 1) {
            out.add(new Instruction.StopMusicOnHold(others.get(0).id));
        }
        if (joinNotificationsOn) {
            out.add(new Instruction.PlayToRoom(joinAnnouncement(p), p.id));
        }
        return out;
    }

    /** Non-moderators enter muted with {@code mute_non_moderator} or while {@code *91} is in force. */
    private boolean entersMuted(LiveParticipant p) {
        return !p.isModerator() && (settings.muteNonModerator() || muteAllActive);
    }

    private List<Audio> joinAnnouncement(LiveParticipant p) {
        List<Audio> audio = new ArrayList<>();
        audio.add(settings.enterSound() != null ? new Audio.Sound(settings.enterSound()) : Audio.of(Prompt.ENTER_TONE));
        if (p.nameRecording != null) {
            audio.add(new Audio.RecordedName(p.nameRecording));
            audio.add(Audio.of(Prompt.HAS_JOINED));
        }
        return audio;
    }

    private Instruction musicOnHoldFor(ParticipantId id) {
        Long sound = settings.musicOnHoldSound();
        return sound != null
                ? new Instruction.StartMusicOnHold(id, new Audio.Sound(sound), true)
                : new Instruction.StartMusicOnHold(id, Audio.of(Prompt.ONLY_PARTICIPANT), false);
    }

    /**
     * The call ended (BYE, or after a {@link Instruction.Hangup}). Idempotent. When the last participant
     * leaves, the runtime flags reset and pending invites are cancelled.
     */
    public List<Instruction> leave(ParticipantId id, Instant now) {
        if (enteringPin.remove(id) != null) {
            return List.of();
        }
        LiveParticipant gone = participants.remove(id);
        if (gone == null) {
            return List.of();
        }
        Set<ParticipantId> hearingRingback = hearingRingback();
        List<Instruction> out = new ArrayList<>();
        if (gone.origin == Origin.DIAL_IN && participants.values().stream().noneMatch(p -> p.origin == Origin.DIAL_IN)) {
            out.addAll(endForInvitees());
        }
        List<LiveParticipant> remaining = inRoom();
        if (gone.inRoom && !remaining.isEmpty()) {
            // *94 silences leave names too: a moderator who turned announcements off wants quiet.
            if (joinNotificationsOn && gone.nameRecording != null) {
                out.add(new Instruction.PlayToRoom(
                        List.of(new Audio.RecordedName(gone.nameRecording), Audio.of(Prompt.HAS_LEFT)), null));
            }
            if (remaining.size() == 1) {
                out.add(musicOnHoldFor(remaining.get(0).id));
            }
        }
        if (participants.isEmpty()) {
            out.addAll(endOfConference());
        }
        out.addAll(ringbackChanges(hearingRingback));
        return out;
    }

    /**
     * The last dial-in participant left: nobody may stay alone on a paid trunk call. Invited participants
     * hear that the conference has ended and are hung up; pending invites are cancelled.
     */
    private List<Instruction> endForInvitees() {
        List<Instruction> out = new ArrayList<>();
        for (LiveParticipant invitee : List.copyOf(participants.values())) {
            participants.remove(invitee.id);
            out.add(Instruction.Play.prompt(invitee.id, Prompt.CONFERENCE_ENDED));
            out.add(new Instruction.Hangup(invitee.id, HangupReason.CONFERENCE_ENDED));
        }
        for (PendingInvite invite : invites.closeAll()) {
            out.add(new Instruction.CancelInviteCall(invite.id()));
        }
        return out;
    }

    /**
     * Removes a participant on an administrator's request (REST): goodbye, hang up, then as {@link #leave}.
     *
     * @throws NotInConferenceException when there is no such participant
     */
    public List<Instruction> remove(ParticipantId id, Instant now) {
        if (!participants.containsKey(id)) {
            throw new NotInConferenceException("participant", id, extensionId);
        }
        List<Instruction> out = new ArrayList<>();
        out.add(Instruction.Play.prompt(id, Prompt.GOODBYE));
        out.add(new Instruction.Hangup(id, HangupReason.REMOVED));
        out.addAll(leave(id, now));
        return out;
    }

    /**
     * The server stops: every caller (those still entering the PIN too) is hung up at once and pending invites
     * are cancelled; afterwards the conference is idle.
     */
    public List<Instruction> endForShutdown(Instant now) {
        List<Instruction> out = new ArrayList<>();
        for (ParticipantId id : enteringPin.keySet()) {
            out.add(new Instruction.Hangup(id, HangupReason.SERVER_STOPPING));
        }
        for (ParticipantId id : participants.keySet()) {
            out.add(new Instruction.Hangup(id, HangupReason.SERVER_STOPPING));
        }
        enteringPin.clear();
        participants.clear(); // nothing is played to anyone any more: no music for the last one, no goodbyes
        out.addAll(endOfConference());
        return out;
    }

    private List<Instruction> endOfConference() {
        locked = false;
        muteAllActive = false;
        joinNotificationsOn = true;
        return invites.closeAll().stream()
                .<Instruction>map(invite -> new Instruction.CancelInviteCall(invite.id())).toList();
    }

    // ---------------------------------------------------------------- keys

    /**
     * A DTMF key from a caller (INFO or RFC 4733). Routes it to the PIN entry, the name recording
     * ({@code #} ends it) or the participant's key interpreter; complete commands go to {@link #handleKey}.
     * Invited participants use no keys: theirs are ignored without a sound.
     *
     * @throws IllegalArgumentException when {@code key} is not a DTMF key (0-9 * # A-D)
     */
    public List<Instruction> pressKey(ParticipantId id, char key, Instant now) {
        char k = DtmfKeys.requireKey(key);
        PendingCaller pending = enteringPin.get(id);
        if (pending != null) {
            return afterPin(pending, pending.pin().press(k, now), now);
        }
        LiveParticipant p = participants.get(id);
        if (p == null) {
            return List.of();
        }
        if (!p.inRoom) {
            return k == '#' ? List.of(new Instruction.FinishNameRecording(id)) : List.of();
        }
        if (p.origin == Origin.INVITED) {
            return List.of();
        }
        // A timeout due before this key (the adapter's timer had not fired yet) is answered first.
        List<Instruction> out = new ArrayList<>();
        p.keys.tick(now).ifPresent(timedOut -> out.addAll(onKeyEvent(p, timedOut, now)));
        out.addAll(onKeyEvent(p, p.keys.press(k, now), now));
        return out;
    }

    private List<Instruction> onKeyEvent(LiveParticipant p, KeyEvent event, Instant now) {
        if (event instanceof KeyEvent.Command command) {
            return handleKey(p.id, command.command(), now);
        }
        if (event instanceof KeyEvent.Invalid || event instanceof KeyEvent.TimedOut) {
            return List.of(Instruction.Play.prompt(p.id, Prompt.ERROR_TONE));
        }
        if (event instanceof KeyEvent.NumberEntered entered) {
            // "*8#" with no number cancels this participant's pending invites.
            return entered.digits().isEmpty() ? cancelInvitesOf(p.id)
                    : requestInvite(p.id, entered.digits(), now).instructions();
        }
        if (event instanceof KeyEvent.NumberEntryCancelled || event instanceof KeyEvent.NumberEntryTimedOut) {
            return List.of(Instruction.Play.prompt(p.id, Prompt.INVITE_CANCELLED));
        }
        return List.of();
    }

    /**
     * What a key command does — the decision table of the seed's keys. Each effective command is
     * confirmed to the presser only; moderator keys from a non-moderator get {@link Prompt#MODERATOR_ONLY}.
     */
    public List<Instruction> handleKey(ParticipantId id, KeyCommand command, Instant now) {
        LiveParticipant p = participants.get(id);
        if (p == null || !p.inRoom || p.origin == Origin.INVITED) {
            return List.of();
        }
        if (command.isModeratorOnly() && !p.isModerator()) {
            return List.of(Instruction.Play.prompt(id, Prompt.MODERATOR_ONLY));
        }
        return switch (command) {
            case TOGGLE_MUTE -> toggleOwnMute(p);
            case INVITE -> startInviteEntry(p, now);
            case UNMUTE_ALL -> confirmed(unmuteAllNonModerators(), id, Prompt.ALL_UNMUTED);
            case MUTE_ALL -> confirmed(muteAllNonModerators(), id, Prompt.ALL_MUTED);
            case LOCK -> confirmed(lock(), id, Prompt.LOCKED);
            case UNLOCK -> confirmed(unlock(), id, Prompt.UNLOCKED);
            case NOTIFICATIONS_OFF -> confirmed(setJoinNotifications(false), id, Prompt.NOTIFICATIONS_OFF);
            case NOTIFICATIONS_ON -> confirmed(setJoinNotifications(true), id, Prompt.NOTIFICATIONS_ON);
        };
    }

    /** {@code *1}: refused to non-moderators under {@code mute_non_moderator}; otherwise toggles (also after {@code *91}). */
    private List<Instruction> toggleOwnMute(LiveParticipant p) {
        if (!p.isModerator() && settings.muteNonModerator()) {
            return List.of(Instruction.Play.prompt(p.id, Prompt.MUTE_NOT_ALLOWED));
        }
        p.muted = !p.muted;
        return List.of(new Instruction.SetMuted(p.id, p.muted),
                Instruction.Play.prompt(p.id, p.muted ? Prompt.MUTED : Prompt.UNMUTED));
    }

    /** {@code *8}: open number entry, unless the participant already has the most pending invites. */
    private List<Instruction> startInviteEntry(LiveParticipant p, Instant now) {
        if (invites.countOf(p.id) >= policy.maxPendingInvitesPerInviter()) {
            return List.of(Instruction.Play.prompt(p.id, Prompt.ERROR_TONE));
        }
        p.keys.startNumberEntry(now);
        return List.of(Instruction.Play.prompt(p.id, Prompt.INVITE_ENTER_NUMBER));
    }

    private static List<Instruction> confirmed(List<Instruction> effect, ParticipantId presser, Prompt confirmation) {
        List<Instruction> out = new ArrayList<>(effect);
        out.add(Instruction.Play.prompt(presser, confirmation));
        return out;
    }

    // ---------------------------------------------------------------- moderator actions (keys and REST)

    /** {@code *91}: mutes every non-moderator now in the room, and those who join until {@code *90}. */
    public List<Instruction> muteAllNonModerators() {
        muteAllActive = true;
        return setMutedForNonModerators(true);
    }

    /** {@code *90}: unmutes every non-moderator (also those muted by {@code mute_non_moderator}); ends {@code *91}. */
    public List<Instruction> unmuteAllNonModerators() {
        muteAllActive = false;
        return setMutedForNonModerators(false);
    }

    private List<Instruction> setMutedForNonModerators(boolean muted) {
        List<Instruction> out = new ArrayList<>();
        for (LiveParticipant p : inRoom()) {
            if (!p.isModerator() && p.muted != muted) {
                p.muted = muted;
                out.add(new Instruction.SetMuted(p.id, muted));
            }
        }
        return out;
    }

    /** {@code *92}: from now on every new caller is declined, moderators included. */
    public List<Instruction> lock() {
        locked = true;
        return List.of();
    }

    /** {@code *93}. */
    public List<Instruction> unlock() {
        locked = false;
        return List.of();
    }

    /** {@code *94} (off) / {@code *95} (on): enter sound and names on join (and names on leave). */
    public List<Instruction> setJoinNotifications(boolean on) {
        joinNotificationsOn = on;
        return List.of();
    }

    /**
     * Mutes or unmutes one participant (REST moderator action; no prompt).
     *
     * @throws NotInConferenceException when there is no such participant
     */
    public List<Instruction> setMuted(ParticipantId id, boolean muted) {
        LiveParticipant p = participants.get(id);
        if (p == null) {
            throw new NotInConferenceException("participant", id, extensionId);
        }
        if (p.muted == muted) {
            return List.of();
        }
        p.muted = muted;
        return p.inRoom ? List.of(new Instruction.SetMuted(id, muted)) : List.of();
    }

    // ---------------------------------------------------------------- invites (*8 and REST)

    /**
     * Asks to invite {@code number}. Refused (with a prompt to the inviter) when the number is invalid,
     * the conference is locked, participants plus pending invites reach {@code max_members}, the inviter
     * has too many pending invites, or the number is already being called. Otherwise the call is placed
     * and the inviter hears {@link Prompt#INVITE_CALLING}.
     *
     * @param inviter the participant who keyed {@code *8}, or null for an invite over REST
     */
    public InviteDecision requestInvite(ParticipantId inviter, String number, Instant now) {
        if (inviter != null) {
            LiveParticipant p = participants.get(inviter);
            if (p == null || !p.inRoom || p.origin != Origin.DIAL_IN) {
                return new InviteDecision.Refused(InviteRefusal.NOT_ALLOWED,
                        "only dial-in participants in the room may invite", List.of());
            }
        } else if (inRoom().isEmpty()) {
            return new InviteDecision.Refused(InviteRefusal.CONFERENCE_EMPTY,
                    "nobody is in the conference to meet the invited person", List.of());
        }
        Optional<String> problem = InviteNumber.problem(number);
        if (problem.isPresent()) {
            return refuseInvite(inviter, InviteRefusal.INVALID_NUMBER, problem.get(), Prompt.INVITE_INVALID_NUMBER);
        }
        InviteNumber valid = InviteNumber.of(number);
        if (locked) {
            return refuseInvite(inviter, InviteRefusal.CONFERENCE_LOCKED, "the conference is locked",
                    Prompt.INVITE_CONFERENCE_LOCKED);
        }
        if (participants.size() + invites.size() >= settings.effectiveMaxMembers()) {
            return refuseInvite(inviter, InviteRefusal.CONFERENCE_FULL,
                    "the conference is full (participants and pending invites reach max_members "
                            + settings.effectiveMaxMembers() + ")", Prompt.INVITE_CONFERENCE_FULL);
        }
        if (inviter != null && invites.countOf(inviter) >= policy.maxPendingInvitesPerInviter()) {
            return refuseInvite(inviter, InviteRefusal.TOO_MANY_PENDING,
                    "at most " + policy.maxPendingInvitesPerInviter() + " pending invites per participant",
                    Prompt.ERROR_TONE);
        }
        if (invites.isCalling(valid)) {
            return refuseInvite(inviter, InviteRefusal.ALREADY_CALLING, valid + " is already being called",
                    Prompt.INVITE_CALLING);
        }
        PendingInvite invite = invites.open(inviter, valid, now, now.plus(policy.inviteNoAnswerTimeout()));
        List<Instruction> out = new ArrayList<>();
        out.add(new Instruction.PlaceInviteCall(invite.id(), valid, inviter));
        out.addAll(toInviter(inviter, Prompt.INVITE_CALLING));
        return new InviteDecision.Started(invite, out);
    }

    private InviteDecision refuseInvite(ParticipantId inviter, InviteRefusal reason, String message, Prompt prompt) {
        return new InviteDecision.Refused(reason, message, toInviter(inviter, prompt));
    }

    /** The invited phone rings (180/183). */
    public List<Instruction> inviteRinging(InviteId id, Instant now) {
        Set<ParticipantId> before = hearingRingback();
        invites.markRinging(id);
        return ringbackChanges(before);
    }

    /**
     * The invited party answered; {@code leg} identifies their call from now on. They enter as an
     * {@link Origin#INVITED} participant with the usual join notification (recorded when
     * {@code record_enabled}). If the conference became locked or full meanwhile, the invitee hears
     * why and is hung up, and the inviter hears {@link Prompt#INVITE_CONFERENCE_LOCKED} or
     * {@link Prompt#INVITE_CONFERENCE_FULL}. An invite already cancelled or timed out: the leg is hung up.
     */
    public List<Instruction> inviteAnswered(InviteId id, ParticipantId leg, Instant now) {
        Set<ParticipantId> before = hearingRingback();
        List<Instruction> out = new ArrayList<>(answerInvite(id, leg, now));
        out.addAll(0, ringbackChanges(before)); // ringback stops before anything else is heard
        return out;
    }

    private List<Instruction> answerInvite(InviteId id, ParticipantId leg, Instant now) {
        PendingInvite invite = invites.close(id).orElse(null);
        if (invite == null) {
            return List.of(new Instruction.Hangup(leg, HangupReason.INVITE_CANCELLED));
        }
        Admission admission = admission();
        if (admission != Admission.ADMITTED) {
            List<Instruction> out = new ArrayList<>(refuse(leg, admission));
            out.addAll(toInviter(invite.inviter(), admission == Admission.REFUSED_LOCKED
                    ? Prompt.INVITE_CONFERENCE_LOCKED : Prompt.INVITE_CONFERENCE_FULL));
            return out;
        }
        Caller invitee = new Caller(leg, invite.number().value(), null);
        LiveParticipant p = new LiveParticipant(invitee, Role.PARTICIPANT, Origin.INVITED, invite.inviter(), now,
                policy.keys());
        participants.put(leg, p);
        return join(p, now);
    }

    /** The invite call failed; the inviter (if still in the room) hears why. */
    public List<Instruction> inviteFailed(InviteId id, InviteFailure failure, Instant now) {
        Set<ParticipantId> before = hearingRingback();
        PendingInvite invite = invites.close(id).orElse(null);
        if (invite == null) {
            return List.of();
        }
        List<Instruction> out = new ArrayList<>(ringbackChanges(before));
        out.addAll(toInviter(invite.inviter(), switch (failure) {
            case BUSY -> Prompt.INVITE_BUSY;
            case NO_ANSWER -> Prompt.INVITE_NO_ANSWER;
            case INVALID_NUMBER -> Prompt.INVITE_INVALID_NUMBER;
            case REJECTED, UNREACHABLE -> Prompt.INVITE_FAILED;
        }));
        return out;
    }

    /**
     * Cancels one pending invite (REST); the inviter hears {@link Prompt#INVITE_CANCELLED}.
     *
     * @throws NotInConferenceException when the invite is not pending (unknown, answered, failed or cancelled)
     */
    public List<Instruction> cancelInvite(InviteId id, Instant now) {
        Set<ParticipantId> before = hearingRingback();
        PendingInvite invite = invites.close(id)
                .orElseThrow(() -> new NotInConferenceException("pending invite", id, extensionId));
        List<Instruction> out = new ArrayList<>();
        out.add(new Instruction.CancelInviteCall(id));
        out.addAll(ringbackChanges(before));
        out.addAll(toInviter(invite.inviter(), Prompt.INVITE_CANCELLED));
        return out;
    }

    private List<Instruction> cancelInvitesOf(ParticipantId inviter) {
        Set<ParticipantId> before = hearingRingback();
        List<Instruction> out = new ArrayList<>();
        for (PendingInvite invite : invites.closeAllOf(inviter)) {
            out.add(new Instruction.CancelInviteCall(invite.id()));
        }
        boolean cancelled = !out.isEmpty();
        out.addAll(ringbackChanges(before));
        out.add(Instruction.Play.prompt(inviter, cancelled ? Prompt.INVITE_CANCELLED : Prompt.INVITE_INVALID_NUMBER));
        return out;
    }

    /** A prompt for the inviter, when there is one and they are still in the room. */
    private List<Instruction> toInviter(ParticipantId inviter, Prompt prompt) {
        if (inviter == null) {
            return List.of();
        }
        LiveParticipant p = participants.get(inviter);
        return p != null && p.inRoom ? List.of(Instruction.Play.prompt(inviter, prompt)) : List.of();
    }

    // ---------------------------------------------------------------- time

    /**
     * Handles every timeout due at {@code now}: PIN inactivity, half-typed commands, number entry,
     * unanswered invites (cancelled; the inviter hears {@link Prompt#INVITE_NO_ANSWER}).
     */
    public List<Instruction> tick(Instant now) {
        Set<ParticipantId> before = hearingRingback();
        List<Instruction> out = new ArrayList<>();
        for (PendingCaller pending : List.copyOf(enteringPin.values())) {
            PinOutcome outcome = pending.pin().tick(now);
            if (outcome instanceof PinOutcome.Denied) {
                out.addAll(afterPin(pending, outcome, now));
            }
        }
        for (LiveParticipant p : List.copyOf(participants.values())) {
            p.keys.tick(now).ifPresent(event -> out.addAll(onKeyEvent(p, event, now)));
        }
        List<PendingInvite> expired = invites.closeExpired(now);
        out.addAll(ringbackChanges(before));
        for (PendingInvite invite : expired) {
            out.add(new Instruction.CancelInviteCall(invite.id()));
            out.addAll(toInviter(invite.inviter(), Prompt.INVITE_NO_ANSWER));
        }
        return out;
    }

    // ---------------------------------------------------------------- ringback

    /** Inviters in the room with at least one invite whose phone rings: they hear ringback. */
    private Set<ParticipantId> hearingRingback() {
        Set<ParticipantId> out = new LinkedHashSet<>();
        for (PendingInvite invite : invites.all()) {
            if (invite.state() == InviteState.RINGING && invite.inviter() != null) {
                LiveParticipant p = participants.get(invite.inviter());
                if (p != null && p.inRoom) {
                    out.add(p.id);
                }
            }
        }
        return out;
    }

    /** Start ringback for inviters whose invite started ringing, stop it where none rings any more. */
    private List<Instruction> ringbackChanges(Set<ParticipantId> before) {
        Set<ParticipantId> after = hearingRingback();
        List<Instruction> out = new ArrayList<>();
        for (ParticipantId id : before) {
            if (!after.contains(id) && participants.containsKey(id)) {
                out.add(new Instruction.StopRingback(id));
            }
        }
        for (ParticipantId id : after) {
            if (!before.contains(id)) {
                out.add(new Instruction.StartRingback(id));
            }
        }
        return out;
    }

    /** The earliest time {@link #tick} has something to do, if any (for the adapter's timer). */
    public Optional<Instant> nextDeadline() {
        List<Instant> deadlines = new ArrayList<>();
        enteringPin.values().forEach(pc -> pc.pin().deadline().ifPresent(deadlines::add));
        participants.values().forEach(p -> p.keys.deadline().ifPresent(deadlines::add));
        invites.earliestDeadline().ifPresent(deadlines::add);
        return deadlines.stream().min(Instant::compareTo);
    }

    // ---------------------------------------------------------------- queries

    public long extensionId() {
        return extensionId;
    }

    /** The properties in force: those of the first caller's arrival, then each {@link #changeSettings}. */
    public ConferenceSettings settings() {
        return settings;
    }

    /**
     * The extension's properties were changed (REST): they are in force from now on, for everyone.
     * {@code mute_non_moderator} turned on mutes every non-moderator in the room at once and tells them
     * so; turned off, they may unmute themselves with {@code *1} (nobody is unmuted by it). A new
     * {@code music_on_hold_sound} reaches whoever is alone now. PIN, moderator PIN, max members, enter
     * sound, names and recording apply to what happens next; nobody already in is dropped or re-prompted.
     */
    public List<Instruction> changeSettings(ConferenceSettings next, Instant now) {
        Objects.requireNonNull(next, "next");
        ConferenceSettings before = settings;
        settings = next;
        List<Instruction> out = new ArrayList<>();
        if (next.muteNonModerator() && !before.muteNonModerator()) {
            for (LiveParticipant p : inRoom()) {
                if (!p.isModerator()) {
                    if (!p.muted) {
                        p.muted = true;
                        out.add(new Instruction.SetMuted(p.id, true));
                    }
                    out.add(Instruction.Play.prompt(p.id, Prompt.CONFERENCE_MUTED));
                }
            }
            for (LiveParticipant p : participants.values()) {
                if (!p.inRoom && !p.isModerator()) {
                    p.muted = true; // still recording their name: enters muted
                }
            }
        }
        if (!Objects.equals(next.musicOnHoldSound(), before.musicOnHoldSound())) {
            List<LiveParticipant> room = inRoom();
            if (room.size() == 1) {
                out.add(musicOnHoldFor(room.get(0).id));
            }
        }
        return out;
    }

    /** Admitted participants in order of admission (including those still recording their name). */
    public List<Participant> participants() {
        return participants.values().stream().map(LiveParticipant::snapshot).toList();
    }

    public Optional<Participant> participant(ParticipantId id) {
        return Optional.ofNullable(participants.get(id)).map(LiveParticipant::snapshot);
    }

    /** Invites whose call is not answered yet, oldest first. */
    public List<PendingInvite> pendingInvites() {
        return invites.all();
    }

    /** Callers still keying the PIN (not yet participants). */
    public int callersEnteringPin() {
        return enteringPin.size();
    }

    public boolean isLocked() {
        return locked;
    }

    public boolean isMuteAllActive() {
        return muteAllActive;
    }

    public boolean joinNotificationsOn() {
        return joinNotificationsOn;
    }

    /** True when nobody is in it, nobody is keying a PIN and no invite is pending: it may be discarded. */
    public boolean isIdle() {
        return participants.isEmpty() && enteringPin.isEmpty() && invites.isEmpty();
    }

    private List<LiveParticipant> inRoom() {
        return participants.values().stream().filter(p -> p.inRoom).toList();
    }
}
