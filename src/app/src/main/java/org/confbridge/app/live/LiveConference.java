package org.confbridge.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.app.invite.InviteCall;
import org.confbridge.app.invite.InviteDialer;
import org.confbridge.app.invite.InviteProgress;
import org.confbridge.app.media.AudioCatalog;
import org.confbridge.app.media.ConferenceAudio;
import org.confbridge.app.recording.CallRecorder;
import org.confbridge.domain.conference.Caller;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.domain.conference.Instruction;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.Room;

/**
 * One running conference: the domain's {@link Conference} (the rules), its audio (mix room, prompts,
 * music, recordings of names) and its calls, confined to one event loop. Every input becomes a task on
 * that loop; this class is the one place where the rules' instructions are carried out.
 *
 * <p>Nothing here blocks: no database, file or network I/O runs on the loop. Uploaded sounds arrive
 * loaded with the settings; recordings start on the I/O executor; SIP requests are queued by the
 * {@link CallLeg}s and the {@link InviteDialer}.
 *
 * <p>Only {@link #execute} and {@link #call} may be used from other threads; every other method runs on
 * the loop.
 */
final class LiveConference {

    private static final Logger LOG = Logger.getLogger(LiveConference.class.getName());
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** What a live conference needs from the server around it. */
    interface Surroundings {
        java.time.Clock clock();

        AudioCatalog catalog();

        /** Hands a leg's media events (and those kept since it was allocated) to {@code listener}. */
        void attachMedia(org.confbridge.media.MediaLeg leg, MediaLegListener listener);

        /** The SIP side's dialer of invite calls, or null while none is registered. */
        InviteDialer dialer();

        /** Starts recording an invited participant (blocking work: runs on the I/O executor). */
        void startRecording(long extensionId, org.confbridge.media.MediaLeg leg, String number, String inviter,
                            Instant now, CallRecorder.Listener listener);

        /** The conference is over and has left the registry. */
        void closed(LiveConference conference);

        /** A call entered (+1) or left (-1) a conference. */
        void callCountChanged(int delta);

        /** A caller from {@code source} keyed a wrong PIN. */
        void wrongPin(String source);

        /** How long a call may stay on hold before it is ended (a forgotten held call holds a port forever). */
        Duration holdTimeout();

        /** Where events go (never blocks). */
        ConferenceEvents events();
    }

    /** One call in the conference. */
    private static final class Seat {
        final ParticipantHandle handle;
        final CallLeg leg;
        boolean onHold;
        /** Counts holds, so that a timer of an earlier hold does not end a later one. */
        int holds;

        Seat(ParticipantHandle handle, CallLeg leg) {
            this.handle = handle;
            this.leg = leg;
        }
    }

    private final long extensionId;
    private final long clientId;
    private final ScheduledExecutorService loop;
    private final Surroundings around;
    private final Conference conference;
    private final ConferenceAudio audio;
    private final Map<ParticipantId, Seat> seats = new LinkedHashMap<>();
    private final Map<InviteId, Boolean> invitesOut = new LinkedHashMap<>();
    private ScheduledFuture<?> timer;
    private Instant timerAt;
    /** Written on the loop under {@link #admission}; read by callers about to join. */
    private volatile boolean closed;
    /**
     * Joins handed over but not yet run: the conference does not close under them. The one monitor a
     * conference has, held for a few instructions by a joining caller's thread and by the loop.
     */
    private final Object admission = new Object();
    private int arriving;

    // Events: this run's id, who is acting in the current task, what the last task left behind.
    private final String conferenceId = ParticipantIds.next().value();
    private String actor = "system";
    private boolean started;
    private Instant startedAt;
    private int peakParticipants;
    private boolean lastLocked;
    private boolean lastNotificationsOn = true;
    private final java.util.Set<ParticipantId> joined = new java.util.HashSet<>();
    /** Who is talking now, joined or not yet (one who talks while entering is "talking" once joined). */
    private final java.util.Set<ParticipantId> talkingNow = new java.util.HashSet<>();
    private final Map<ParticipantId, String> leaveReasons = new java.util.HashMap<>();

    LiveConference(long extensionId, long clientId, ConferenceSettings settings, AudioCatalog.LoadedSounds sounds,
                   org.confbridge.domain.conference.ConferencePolicy policy, Room room, ScheduledExecutorService loop,
                   Surroundings around) {
        this.extensionId = extensionId;
        this.clientId = clientId;
        this.loop = loop;
        this.around = around;
        this.conference = new Conference(extensionId, policy, settings);
        this.audio = new ConferenceAudio(room, around.catalog(), sounds, this::execute, this::nameRecorded);
    }

    long extensionId() {
        return extensionId;
    }

    long clientId() {
        return clientId;
    }

    // ------------------------------------------------------------------ from other threads

    /** Runs {@code task} on this conference's loop; failures are logged, never thrown at the caller. */
    void execute(Runnable task) {
        try {
            loop.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "conference " + extensionId + ": server stopping, task dropped");
        }
    }

    /** Runs one task on the loop (this thread is the loop), then what every task ends with. */
    private void run(Runnable task) {
        try {
            task.run();
            flagEvents();
            actor = "system";
            rescheduleTimer();
        } catch (RuntimeException e) {
            actor = "system";
            LOG.log(Level.WARNING, "conference " + extensionId + ": task failed", e);
        }
    }

    /** Runs {@code query} on the loop and waits for its answer (REST; never call it from a loop). */
    <T> T call(Callable<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        execute(() -> {
            try {
                answer.complete(query.call());
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("conference " + extensionId + " did not answer within " + QUERY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ calls (on the loop)

    /**
     * A caller is about to be handed over ({@link #arrive} follows on the loop): false when this conference
     * has already closed (the registry then starts a new one).
     */
    boolean reserveArrival() {
        synchronized (admission) {
            if (closed) {
                return false;
            }
            arriving++;
            return true;
        }
    }

    /** A caller reserved with {@link #reserveArrival} arrives. */
    void arrive(ParticipantHandle handle, CallLeg leg) {
        synchronized (admission) {
            arriving--;
        }
        ParticipantId id = handle.id();
        seat(handle, leg);
        carryOut(conference.arrive(new Caller(id, leg.callerNumber(), leg.callerDisplayName()), now()));
        closeIfIdle();
    }

    private void seat(ParticipantHandle handle, CallLeg leg) {
        if (!started) {
            started = true;
            startedAt = now();
            emit("conference.started", null, Map.of());
        }
        seats.put(handle.id(), new Seat(handle, leg));
        around.callCountChanged(1);
        audio.add(handle.id(), leg.media());
        around.attachMedia(leg.media(), new CallMediaListener(handle.id()));
    }

    void leave(ParticipantId id) {
        Seat seat = seats.remove(id);
        if (seat == null) {
            return;
        }
        around.callCountChanged(-1);
        String reason = leaveReasons.remove(id);
        talkingNow.remove(id);
        if (joined.remove(id)) {
            emit("participant.left", id, Map.of("reason", reason != null ? reason : "hangup"));
        }
        String name = audio.remove(id);
        carryOut(conference.leave(id, now()));
        if (name != null) {
            around.catalog().names().release(name); // after "has left" took its own hold on the file
        }
        closeIfIdle();
    }

    void keyPressed(ParticipantId id, char key) {
        actor = id.value();
        if (seats.containsKey(id)) {
            carryOut(conference.pressKey(id, key, now()));
        }
    }

    void setOnHold(ParticipantId id, boolean onHold) {
        Seat seat = seats.get(id);
        if (seat == null || seat.onHold == onHold) {
            return;
        }
        seat.onHold = onHold;
        if (onHold) {
            int hold = ++seat.holds;
            loop.schedule(() -> run(() -> holdTimedOut(id, hold)), around.holdTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void holdTimedOut(ParticipantId id, int hold) {
        Seat seat = seats.get(id);
        if (seat != null && seat.onHold && seat.holds == hold) {
            LOG.info(() -> "participant " + id + " of conference " + extensionId + " on hold for "
                    + around.holdTimeout() + ": ending the call");
            seat.leg.hangUp(null);
            leaveReasons.put(id, "hold_timeout");
            leave(id);
        }
    }

    /** The caller's RTP stopped (not on hold): the call is dead, end it. */
    private void mediaTimedOut(ParticipantId id) {
        Seat seat = seats.get(id);
        if (seat == null || seat.onHold) {
            return;
        }
        LOG.info(() -> "no RTP from participant " + id + " of conference " + extensionId + ": ending the call");
        seat.leg.hangUp(null);
        leaveReasons.put(id, "media_timeout");
        leave(id);
    }

    private void nameRecorded(ParticipantId id, String reference) {
        if (!seats.containsKey(id)) {
            if (reference != null) {
                around.catalog().names().release(reference);
            }
            return;
        }
        carryOut(conference.nameRecorded(id, reference, now()));
    }

    /** The extension's properties changed (REST): in force at once, for everyone. */
    /** The server stops: every call is hung up now; the conference closes (and is recorded) once they are gone. */
    void endForShutdown() {
        execute(() -> apply(conference.endForShutdown(now())));
    }

    void changeSettings(ConferenceSettings settings, AudioCatalog.LoadedSounds sounds) {
        if (closed) {
            return;
        }
        audio.useSounds(sounds);
        actor = "settings";
        carryOut(conference.changeSettings(settings, now()));
    }

    void tick() {
        timer = null;
        timerAt = null;
        carryOut(conference.tick(now()));
        closeIfIdle();
    }

    // ------------------------------------------------------------------ moderator actions (REST, on the loop)

    /** The rules, for a REST action (run on the loop; what they decide goes to {@link #apply}). */
    Conference rules() {
        actor = "api";
        return conference;
    }

    LiveConferenceView view() {
        return LiveConferenceView.of(conference);
    }

    List<LiveCall> calls() {
        return seats.values().stream().map(seat -> {
            Optional<Participant> p = conference.participant(seat.handle.id());
            return new LiveCall(seat.handle.id().value(), extensionId, p.map(x -> x.role().name()).orElse(null),
                    p.map(Participant::muted).orElse(false), seat.onHold);
        }).toList();
    }

    /** Carries out what a REST action decided. */
    void apply(List<Instruction> instructions) {
        actor = "api";
        carryOut(instructions);
        closeIfIdle();
    }

    boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ carrying out the rules' decisions

    private void carryOut(List<Instruction> instructions) {
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.ConnectToRoom connect) {
                participantJoined(connect);
            } else if (instruction instanceof Instruction.SetMuted mute) {
                if (joined.contains(mute.participant())) {
                    emit(mute.muted() ? "participant.muted" : "participant.unmuted", mute.participant(),
                            Map.of("by", actor));
                }
            }
            if (instruction instanceof Instruction.Hangup hangup) {
                Seat seat = seats.get(hangup.participant());
                if (seat != null) {
                    leaveReasons.put(hangup.participant(), hangup.reason().name().toLowerCase(java.util.Locale.ROOT));
                    CallLeg leg = seat.leg;
                    // BYE once the caller has heard why ("wrong PIN", "the conference has ended").
                    audio.afterQueuedAudio(hangup.participant(), () -> hangUp(leg, hangup));
                    leave(hangup.participant()); // the rules expect leave() after a hang-up
                }
            } else if (instruction instanceof Instruction.PlaceInviteCall place) {
                placeInviteCall(place);
            } else if (instruction instanceof Instruction.CancelInviteCall cancel) {
                if (invitesOut.remove(cancel.invite()) != null) {
                    InviteDialer dialer = around.dialer();
                    if (dialer != null) {
                        dialer.cancel(cancel.invite());
                    }
                }
            } else if (instruction instanceof Instruction.StartRecording record) {
                startRecording(record);
            } else if (instruction instanceof Instruction.WrongPin wrong) {
                Seat seat = seats.get(wrong.participant());
                String source = seat == null ? null : seat.leg.sourceAddress();
                if (source != null) {
                    around.wrongPin(source);
                }
            } else if (!audio.carryOut(instruction)) {
                LOG.fine(() -> "instruction not carried out here: " + instruction);
            }
        }
    }

    private void hangUp(CallLeg leg, Instruction.Hangup hangup) {
        try {
            leg.hangUp(hangup.reason());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hang up " + hangup.participant(), e);
        }
    }

    private void placeInviteCall(Instruction.PlaceInviteCall place) {
        invitesOut.put(place.invite(), Boolean.TRUE);
        InviteDialer dialer = around.dialer();
        InviteId invite = place.invite();
        if (dialer == null) {
            LOG.warning(() -> "invite " + invite + " to " + place.number() + ": no SIP dialer registered");
            execute(() -> inviteFailed(invite, InviteFailure.UNREACHABLE));
            return;
        }
        dialer.place(new InviteCall(invite, place.number(), extensionId), new Progress(invite));
    }

    private void startRecording(Instruction.StartRecording record) {
        Seat seat = seats.get(record.participant());
        if (seat == null) {
            return;
        }
        String inviter = record.inviter() == null ? null : conference.participant(record.inviter())
                .map(p -> p.displayName() != null ? p.displayName() : p.number()).orElse(null);
        ParticipantId participant = record.participant();
        around.startRecording(extensionId, seat.leg.media(), record.number().value(), inviter, now(),
                new CallRecorder.Listener() {
                    @Override
                    public void started(long recordingId) {
                        emit("recording.started", participant, Map.of("recording_id", recordingId));
                    }

                    @Override
                    public void finished(long recordingId, long millis) {
                        emit("recording.finished", participant,
                                Map.of("recording_id", recordingId, "duration_ms", millis));
                    }

                    @Override
                    public void failed(Long recordingId, String reason) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("recording_id", recordingId);
                        data.put("reason", reason);
                        emit("recording.failed", participant, data);
                    }
                });
    }

    private void inviteRinging(InviteId invite) {
        if (invitesOut.containsKey(invite)) {
            emit("invite.ringing", null, inviteData(invite, null));
            carryOut(conference.inviteRinging(invite, now()));
        }
    }

    private void inviteAnswered(InviteId invite, ParticipantHandle handle, CallLeg leg) {
        if (invitesOut.remove(invite) == null || closed) {
            LOG.info(() -> "invite " + invite + " answered after it was given up: hanging up");
            leg.hangUp(HangupReason.INVITE_CANCELLED);
            return;
        }
        Map<String, Object> data = inviteData(invite, null);
        seat(handle, leg);
        data.put("participant_id", handle.id().value());
        emit("invite.answered", handle.id(), data);
        carryOut(conference.inviteAnswered(invite, handle.id(), now()));
        closeIfIdle();
    }

    private void inviteFailed(InviteId invite, InviteFailure failure) {
        if (invitesOut.containsKey(invite)) {
            emit("invite.failed", null, inviteData(invite, failure.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (invitesOut.remove(invite) != null) {
            carryOut(conference.inviteFailed(invite, failure, now()));
            closeIfIdle();
        }
    }

    /** Reports of one invite call, from the SIP side's threads, handed to the loop. */
    private final class Progress implements InviteProgress {
        private final InviteId invite;

        Progress(InviteId invite) {
            this.invite = invite;
        }

        @Override
        public void ringing() {
            execute(() -> inviteRinging(invite));
        }

        @Override
        public ParticipantHandle answered(CallLeg leg) {
            ParticipantHandle handle = new ParticipantHandle(ParticipantIds.next(), LiveConference.this);
            execute(() -> inviteAnswered(invite, handle, leg));
            return handle;
        }

        @Override
        public void failed(InviteFailure failure) {
            execute(() -> inviteFailed(invite, failure));
        }
    }

    /** Media events of one call (on the engine's event thread), handed to the loop in order. */
    private final class CallMediaListener implements MediaLegListener {
        private final ParticipantId id;

        CallMediaListener(ParticipantId id) {
            this.id = id;
        }

        @Override
        public void onDigit(char digit) {
            execute(() -> keyPressed(id, digit));
        }

        @Override
        public void onMediaTimeout() {
            execute(() -> mediaTimedOut(id));
        }

        @Override
        public void onTalking(boolean talking) {
            execute(() -> {
                if (talking) {
                    talkingNow.add(id);
                } else {
                    talkingNow.remove(id);
                }
                if (joined.contains(id)) {
                    emit(talking ? "participant.talking" : "participant.stopped_talking", id, Map.of());
                }
            });
        }
    }

    // ------------------------------------------------------------------ events

    private void participantJoined(Instruction.ConnectToRoom connect) {
        ParticipantId id = connect.participant();
        if (!joined.add(id)) {
            return;
        }
        peakParticipants = Math.max(peakParticipants, joined.size());
        Map<String, Object> data = new LinkedHashMap<>();
        conference.participant(id).ifPresent(p -> {
            data.put("number", p.number());
            data.put("name", p.displayName());
            data.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
            data.put("origin", p.origin().name().toLowerCase(java.util.Locale.ROOT));
            data.put("invited_by", p.invitedBy() == null ? null : p.invitedBy().value());
        });
        data.put("muted", connect.muted());
        emit("participant.joined", id, data);
        if (talkingNow.contains(id)) {
            emit("participant.talking", id, Map.of());
        }
    }

    private Map<String, Object> inviteData(InviteId invite, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invite_id", invite.value());
        conference.pendingInvites().stream().filter(i -> i.id().equals(invite)).findFirst().ifPresent(i -> {
            data.put("number", i.number().value());
            data.put("invited_by", i.inviter() == null ? null : i.inviter().value());
        });
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    /** Lock and join notifications changed during the task just run: one event each. */
    private void flagEvents() {
        if (closed) {
            return; // the flags were reset by the end of the conference: not a change anyone made
        }
        if (conference.isLocked() != lastLocked) {
            lastLocked = conference.isLocked();
            emit(lastLocked ? "conference.locked" : "conference.unlocked", null, Map.of("by", actor));
        }
        if (conference.joinNotificationsOn() != lastNotificationsOn) {
            lastNotificationsOn = conference.joinNotificationsOn();
            emit("notifications.changed", null, Map.of("on", lastNotificationsOn, "by", actor));
        }
    }

    private void emit(String type, ParticipantId participant, Map<String, Object> data) {
        around.events().publish(new ConferenceEvent(0, type, now(), clientId, extensionId, conferenceId,
                participant == null ? null : participant.value(), data));
    }

    // ------------------------------------------------------------------ time and end

    private Instant now() {
        return around.clock().instant();
    }

    /** Wakes the loop when the rules next have something to do (PIN, key and invite timeouts). */
    private void rescheduleTimer() {
        if (closed) {
            return;
        }
        Instant deadline = conference.nextDeadline().orElse(null);
        if (deadline == null ? timerAt == null : deadline.equals(timerAt)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAt = deadline;
        if (deadline != null) {
            long delayMillis = Math.max(0, Duration.between(now(), deadline).toMillis() + 1);
            timer = loop.schedule(() -> run(this::tick), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void closeIfIdle() {
        if (closed || !seats.isEmpty() || !conference.isIdle() || !invitesOut.isEmpty()) {
            return;
        }
        synchronized (admission) {
            if (arriving > 0) {
                return; // a caller is on the way in
            }
            closed = true;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (started) {
            emit("conference.ended", null, Map.of("peak_participants", peakParticipants,
                    "duration_seconds", Duration.between(startedAt, now()).toSeconds()));
        }
        audio.close();
        around.closed(this);
    }
}
