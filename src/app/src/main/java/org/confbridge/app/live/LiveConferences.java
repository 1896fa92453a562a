package org.confbridge.app.live;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.Local;
import javax.ejb.LocalBean;
import javax.ejb.Lock;
import javax.ejb.LockType;
import javax.ejb.Schedule;
import javax.ejb.SessionContext;
import javax.ejb.Singleton;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.LiveConferenceQuery;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.app.invite.InviteCall;
import org.confbridge.app.invite.InviteDialer;
import org.confbridge.app.invite.InviteSettings;
import org.confbridge.app.recording.CallRecorder;
import org.confbridge.app.recording.RecordingService;
import org.confbridge.app.media.ConferenceAudio;
import org.confbridge.app.media.MediaServer;
import org.confbridge.domain.conference.Caller;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.ConferencePolicy;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.domain.conference.InviteDecision;
import org.confbridge.domain.conference.NotInConferenceException;
import org.confbridge.domain.conference.Instruction;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.keys.DtmfKeys;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.media.MediaLegListener;

/**
 * The live conferences of this server: every answered call, which conference it is in, and the
 * conference's state. Container-managed concurrency: every change takes the write lock, so the
 * domain's {@link Conference} (single-threaded by contract) sees one call at a time; queries take
 * the read lock.
 *
 * <p>Decisions are the domain's; this bean feeds it calls, keys and time, and carries out the
 * instructions it returns. Audio instructions go to the conference's {@link ConferenceAudio} (its media
 * room and the callers' legs); hang-ups go to the call's {@link CallLeg} once the prompts queued before
 * them have been played.
 *
 * <p>Media callbacks (RFC 4733 keys, ends of prompts and name recordings, media timeouts) reach this
 * bean through {@link #runSerialized}: the media server's single callback thread calls it through the
 * EJB proxy, so they take the same write lock as SIP requests, in the order they happened, and the media
 * engine's own threads never wait for the lock.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
@Lock(LockType.WRITE)
@LocalBean
@Local(LiveConferenceQuery.class)
public class LiveConferences implements LiveConferenceQuery {

    private static final Logger LOG = Logger.getLogger(LiveConferences.class.getName());

    private final Map<Long, Conference> conferences = new HashMap<>();
    private final Map<String, Seat> seats = new LinkedHashMap<>();
    /** The media side of each live conference, by extension id. */
    private final Map<Long, ConferenceAudio> audio = new HashMap<>();
    private final Clock clock;
    private final ConferencePolicy policy;

    @EJB
    private MediaServer media;

    @Resource
    private SessionContext context;

    @EJB
    private RecordingService recordings;

    // Invites (issue 6): the SIP module's dialer, and which conference each unanswered invite call is for.
    private InviteDialer dialer;
    private final Map<InviteId, Long> inviteCalls = new HashMap<>();
    private CallRecorder recorder;

    /** Where a call sits: its conference and its leg (to carry out instructions about it). */
    private static final class Seat {
        final long extensionId;
        final CallLeg leg;
        boolean onHold;

        Seat(long extensionId, CallLeg leg) {
            this.extensionId = extensionId;
            this.leg = leg;
        }
    }

    public LiveConferences() {
        this(Clock.systemUTC(), InviteSettings.applyTo(ConferencePolicy.DEFAULTS));
    }

    /** For tests: a controllable clock and policy. */
    LiveConferences(Clock clock, ConferencePolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * An answered call enters a conference (the PIN prompt, admission and announcements follow
     * from the conference's settings).
     */
    public void join(ConferenceExtension extension, CallLeg leg) {
        if (seats.containsKey(leg.id())) {
            return; // a retransmitted ACK: already in
        }
        Conference conference = conferences.computeIfAbsent(extension.extensionId(),
                id -> new Conference(id, policy));
        seats.put(leg.id(), new Seat(extension.extensionId(), leg));
        ConferenceAudio conferenceAudio = audio.computeIfAbsent(extension.extensionId(),
                id -> new ConferenceAudio(media.createRoom(id), extension.clientId(), media.catalog(),
                        serializedExecutor(), this::nameRecorded));
        conferenceAudio.add(ParticipantId.of(leg.id()), leg.media());
        media.attach(leg.media(), new CallMediaListener(leg.id(), serializedExecutor()));
        Caller caller = new Caller(ParticipantId.of(leg.id()), leg.callerNumber(), leg.callerDisplayName());
        carryOut(extension.extensionId(), conference.arrive(caller, extension.settings(), clock.instant()));
    }

    /** The call ended (BYE either way, CANCEL, error): it leaves its conference. */
    public void leave(String legId) {
        leaveSeat(legId);
    }

    private void leaveSeat(String legId) {
        Seat seat = seats.remove(legId);
        if (seat == null) {
            return;
        }
        Conference conference = conferences.get(seat.extensionId);
        ConferenceAudio conferenceAudio = audio.get(seat.extensionId);
        String name = conferenceAudio.remove(ParticipantId.of(legId));
        carryOut(seat.extensionId, conference.leave(ParticipantId.of(legId), clock.instant()));
        if (name != null) {
            media.catalog().names().release(name); // after "has left" took its own hold on the file
        }
        if (conference.isIdle()) {
            conferences.remove(seat.extensionId);
            audio.remove(seat.extensionId).close();
        }
    }

    /**
     * Runs a media callback under this bean's write lock (called by the media server's callback thread
     * through the EJB proxy; see the class doc). Failures are logged, never thrown back at the media side.
     */
    public void runSerialized(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "media callback failed", e);
        }
    }

    /** Where media callbacks go: the media server's single callback thread, then this bean's proxy. */
    private java.util.concurrent.Executor serializedExecutor() {
        LiveConferences self = context.getBusinessObject(LiveConferences.class);
        java.util.concurrent.Executor callbacks = media.callbacks();
        return action -> callbacks.execute(() -> self.runSerialized(action));
    }

    /** A name recording ended (under the lock, from {@link ConferenceAudio}). */
    private void nameRecorded(ParticipantId participant, String reference) {
        Seat seat = seats.get(participant.value());
        if (seat == null) {
            if (reference != null) {
                media.catalog().names().release(reference);
            }
            return;
        }
        carryOut(seat.extensionId, conferences.get(seat.extensionId).nameRecorded(participant, reference,
                clock.instant()));
    }

    /** The caller's RTP stopped (not on hold): the call is dead, end it. */
    private void mediaTimedOut(String legId) {
        Seat seat = seats.get(legId);
        if (seat == null) {
            return;
        }
        LOG.info(() -> "no RTP from " + legId + ": ending the call");
        seat.leg.hangUp(null);
        leaveSeat(legId);
    }

    /** Media events of one call, handed to the lock in order. */
    private final class CallMediaListener implements MediaLegListener {
        private final String legId;
        private final java.util.concurrent.Executor serialized;

        CallMediaListener(String legId, java.util.concurrent.Executor serialized) {
            this.legId = legId;
            this.serialized = serialized;
        }

        @Override
        public void onDigit(char digit) {
            serialized.execute(() -> keyPressed(legId, digit));
        }

        @Override
        public void onMediaTimeout() {
            serialized.execute(() -> mediaTimedOut(legId));
        }
    }

    /**
     * A DTMF key from the caller (SIP INFO or RFC 4733).
     *
     * @return false when the call is not in a conference (it ended, or never joined)
     * @throws IllegalArgumentException for a character that is no DTMF key
     */
    public boolean keyPressed(String legId, char key) {
        char canonical = DtmfKeys.requireKey(key);
        Seat seat = seats.get(legId);
        if (seat == null) {
            return false;
        }
        carryOut(seat.extensionId,
                conferences.get(seat.extensionId).pressKey(ParticipantId.of(legId), canonical, clock.instant()));
        return true;
    }

    /** The caller put the call on hold or took it off hold (re-INVITE); false when unknown. */
    public boolean setOnHold(String legId, boolean onHold) {
        Seat seat = seats.get(legId);
        if (seat == null) {
            return false;
        }
        seat.onHold = onHold;
        return true;
    }

    /** Runs the conferences' timeouts (PIN entry, half-typed key commands, invites). */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    public void tick() {
        Instant now = clock.instant();
        for (Conference conference : List.copyOf(conferences.values())) {
            Optional<Instant> deadline = conference.nextDeadline();
            if (deadline.isPresent() && !deadline.get().isAfter(now)) {
                carryOut(conference.extensionId(), conference.tick(now));
            }
        }
    }

    @Override
    @Lock(LockType.READ)
    public boolean isLive(long extensionId) {
        Conference conference = conferences.get(extensionId);
        return conference != null && !conference.isIdle();
    }

    /** Number of calls in conferences (answered and not yet ended). */
    @Lock(LockType.READ)
    public int callCount() {
        return seats.size();
    }

    /** Every live call, in the order they arrived. */
    @Lock(LockType.READ)
    public List<LiveCall> calls() {
        List<LiveCall> calls = new ArrayList<>();
        for (Map.Entry<String, Seat> entry : seats.entrySet()) {
            Seat seat = entry.getValue();
            Optional<Participant> participant = conferences.get(seat.extensionId)
                    .participant(ParticipantId.of(entry.getKey()));
            calls.add(new LiveCall(entry.getKey(), seat.extensionId,
                    participant.map(p -> p.role().name()).orElse(null),
                    participant.map(Participant::muted).orElse(false), seat.onHold));
        }
        return calls;
    }

    private void carryOut(long extensionId, List<Instruction> instructions) {
        for (Instruction instruction : instructions) {
            ConferenceAudio conferenceAudio = audio.get(extensionId);
            if (instruction instanceof Instruction.Hangup hangup) {
                Seat seat = seats.get(hangup.participant().value());
                if (seat != null) {
                    CallLeg leg = seat.leg;
                    // BYE once the caller has heard why ("wrong PIN", "conference locked").
                    conferenceAudio.afterQueuedAudio(hangup.participant(), () -> hangUp(leg, hangup));
                    // The domain expects leave() after a hang-up; the BYE's answer needs nothing more.
                    leaveSeat(hangup.participant().value());
                }
            } else if (instruction instanceof Instruction.PlaceInviteCall place) {
                placeInviteCall(extensionId, place);
            } else if (instruction instanceof Instruction.CancelInviteCall cancel) {
                cancelInviteCall(cancel.invite());
            } else if (instruction instanceof Instruction.StartRecording record) {
                startRecording(extensionId, record);
            } else if (conferenceAudio == null || !conferenceAudio.carryOut(instruction)) {
                LOG.fine(() -> "instruction not carried out here: " + instruction);
            }
        }
    }

    private static void hangUp(CallLeg leg, Instruction.Hangup hangup) {
        try {
            leg.hangUp(hangup.reason());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not hang up " + hangup.participant(), e);
        }
    }

    // ------------------------------------------------------------------ invites (issue 6)

    /** The SIP module registers the dialer that places invite calls (at servlet start). */
    public void registerDialer(InviteDialer inviteDialer) {
        this.dialer = inviteDialer;
    }

    private void placeInviteCall(long extensionId, Instruction.PlaceInviteCall place) {
        inviteCalls.put(place.invite(), extensionId);
        if (dialer == null) {
            LOG.warning(() -> "invite " + place.invite() + " to " + place.number() + ": no SIP dialer registered");
            InviteId invite = place.invite();
            serializedExecutor().execute(() -> inviteFailed(invite, InviteFailure.UNREACHABLE));
            return;
        }
        dialer.place(new InviteCall(place.invite(), place.number(), extensionId));
    }

    private void cancelInviteCall(InviteId invite) {
        if (inviteCalls.remove(invite) != null && dialer != null) {
            dialer.cancel(invite);
        }
    }

    /** The invited phone rings (180/183). */
    public void inviteRinging(InviteId invite) {
        Long extensionId = inviteCalls.get(invite);
        Conference conference = extensionId == null ? null : conferences.get(extensionId);
        if (conference != null) {
            carryOut(extensionId, conference.inviteRinging(invite, clock.instant()));
        }
    }

    /**
     * The invited person answered: their call enters the conference as an invited participant (or is
     * hung up when the invite was cancelled, timed out, or the conference is gone or locked meanwhile).
     */
    public void inviteAnswered(InviteId invite, CallLeg leg) {
        Long extensionId = inviteCalls.remove(invite);
        Conference conference = extensionId == null ? null : conferences.get(extensionId);
        if (conference == null) {
            LOG.info(() -> "invite " + invite + " answered after it was given up: hanging up");
            leg.hangUp(HangupReason.INVITE_CANCELLED);
            return;
        }
        seats.put(leg.id(), new Seat(extensionId, leg));
        audio.get(extensionId).add(ParticipantId.of(leg.id()), leg.media());
        leg.media().setListener(new CallMediaListener(leg.id(), serializedExecutor()));
        carryOut(extensionId, conference.inviteAnswered(invite, ParticipantId.of(leg.id()), clock.instant()));
    }

    /** The invite call failed (busy, no answer, rejected, unreachable, invalid number): the inviter hears why. */
    public void inviteFailed(InviteId invite, InviteFailure failure) {
        Long extensionId = inviteCalls.remove(invite);
        Conference conference = extensionId == null ? null : conferences.get(extensionId);
        if (conference != null) {
            carryOut(extensionId, conference.inviteFailed(invite, failure, clock.instant()));
        }
    }

    private void startRecording(long extensionId, Instruction.StartRecording record) {
        Seat seat = seats.get(record.participant().value());
        if (seat == null) {
            return;
        }
        String inviter = record.inviter() == null ? null : conferences.get(extensionId).participant(record.inviter())
                .map(p -> p.displayName() != null ? p.displayName() : p.number()).orElse(null);
        if (recorder == null) {
            recorder = CallRecorder.fromSystemProperties(recordings);
        }
        recorder.start(extensionId, seat.leg.media(), record.number().value(), inviter, clock.instant());
    }

    // ------------------------------------------------------------------ moderator actions over REST

    /** The live conference of an extension, or empty when nobody is in it. */
    @Lock(LockType.READ)
    public Optional<LiveConferenceView> conference(long extensionId) {
        Conference conference = conferences.get(extensionId);
        return conference == null ? Optional.empty() : Optional.of(LiveConferenceView.of(conference));
    }

    /** Mutes or unmutes one participant (no prompt). */
    public void setMuted(long extensionId, ParticipantId participant, boolean muted) {
        carryOut(extensionId, known("participant", () -> live(extensionId).setMuted(participant, muted)));
    }

    /** Like {@code *91} (true) / {@code *90} (false), without the confirmation prompt. */
    public void setAllMuted(long extensionId, boolean muted) {
        Conference conference = live(extensionId);
        carryOut(extensionId, muted ? conference.muteAllNonModerators() : conference.unmuteAllNonModerators());
    }

    /** Like {@code *92} / {@code *93}. */
    public void setLocked(long extensionId, boolean locked) {
        Conference conference = live(extensionId);
        carryOut(extensionId, locked ? conference.lock() : conference.unlock());
    }

    /** Like {@code *95} (true) / {@code *94} (false). */
    public void setJoinNotifications(long extensionId, boolean on) {
        carryOut(extensionId, live(extensionId).setJoinNotifications(on));
    }

    /** Says goodbye to the participant and hangs up. */
    public void remove(long extensionId, ParticipantId participant) {
        carryOut(extensionId, known("participant", () -> live(extensionId).remove(participant, clock.instant())));
    }

    /** Invites a number over REST, with the rules of {@code *8}; the decision says whether the call is placed. */
    public InviteDecision invite(long extensionId, String number) {
        Conference conference = live(extensionId);
        InviteDecision decision = conference.requestInvite(null, number, clock.instant());
        carryOut(extensionId, decision.instructions());
        return decision;
    }

    /** Cancels a pending invite (its call gets a CANCEL). */
    public void cancelInvite(long extensionId, InviteId invite) {
        carryOut(extensionId, known("pending invite", () -> live(extensionId).cancelInvite(invite, clock.instant())));
    }

    /** A REST action on an unknown participant or invite: 404 for the caller, not an EJB system error. */
    private static List<Instruction> known(String what, java.util.function.Supplier<List<Instruction>> action) {
        try {
            return action.get();
        } catch (NotInConferenceException e) {
            throw new ResourceNotFoundException(what, "in this live conference");
        }
    }

    private Conference live(long extensionId) {
        Conference conference = conferences.get(extensionId);
        if (conference == null) {
            throw new ResourceNotFoundException("live conference", extensionId);
        }
        return conference;
    }
}
