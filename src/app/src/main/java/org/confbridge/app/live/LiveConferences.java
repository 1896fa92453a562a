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
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Local;
import javax.ejb.LocalBean;
import javax.ejb.Lock;
import javax.ejb.LockType;
import javax.ejb.Schedule;
import javax.ejb.Singleton;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.LiveConferenceQuery;
import org.confbridge.domain.conference.Caller;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.ConferencePolicy;
import org.confbridge.domain.conference.Instruction;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.keys.DtmfKeys;
import org.confbridge.domain.participant.ParticipantId;

/**
 * The live conferences of this server: every answered call, which conference it is in, and the
 * conference's state. Container-managed concurrency: every change takes the write lock, so the
 * domain's {@link Conference} (single-threaded by contract) sees one call at a time; queries take
 * the read lock.
 *
 * <p>Decisions are the domain's; this bean feeds it calls, keys and time, and carries out the
 * instructions it returns. Hang-ups go to the call's {@link CallLeg}; audio instructions wait for
 * the media engine and are logged for now.
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
    private final Clock clock;
    private final ConferencePolicy policy;

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
        this(Clock.systemUTC(), ConferencePolicy.DEFAULTS);
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
        Caller caller = new Caller(ParticipantId.of(leg.id()), leg.callerNumber(), leg.callerDisplayName());
        carryOut(conference.arrive(caller, extension.settings(), clock.instant()));
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
        carryOut(conference.leave(ParticipantId.of(legId), clock.instant()));
        if (conference.isIdle()) {
            conferences.remove(seat.extensionId);
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
        carryOut(conferences.get(seat.extensionId).pressKey(ParticipantId.of(legId), canonical, clock.instant()));
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
                carryOut(conference.tick(now));
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

    private void carryOut(List<Instruction> instructions) {
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.Hangup hangup) {
                Seat seat = seats.get(hangup.participant().value());
                if (seat != null) {
                    try {
                        seat.leg.hangUp(hangup.reason());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not hang up " + hangup.participant(), e);
                    }
                    // The domain expects leave() after a hang-up; the BYE's answer needs nothing more.
                    leaveSeat(hangup.participant().value());
                }
            } else {
                LOG.fine(() -> "media instruction pending the media engine: " + instruction);
            }
        }
    }
}
