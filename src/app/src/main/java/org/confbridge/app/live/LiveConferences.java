package org.confbridge.app.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.Local;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.LiveConferenceQuery;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.app.config.Settings;
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.app.invite.InviteDialer;
import org.confbridge.app.invite.InviteSettings;
import org.confbridge.app.media.AudioCatalog;
import org.confbridge.app.media.MediaServer;
import org.confbridge.app.recording.CallRecorder;
import org.confbridge.app.recording.RecordingService;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.domain.conference.ConferencePolicy;
import org.confbridge.domain.conference.Instruction;
import org.confbridge.domain.conference.InviteDecision;
import org.confbridge.domain.conference.NotInConferenceException;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;

/**
 * The live conferences of this server: a plain concurrent map from extension to {@link LiveConference},
 * each confined to one of a few event loops ({@link ConferenceLoops}). This bean is only the entry point
 * for the SIP servlets and REST resources: it holds no lock of its own (bean-managed concurrency) and
 * hands every input to the loop of its conference. Blocking work (reading uploaded sounds, starting a
 * recording) runs before a task is handed over, or on the I/O executor, never on a loop.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
@Local(LiveConferenceQuery.class)
public class LiveConferences implements LiveConferenceQuery {

    private static final Logger LOG = Logger.getLogger(LiveConferences.class.getName());

    private final Map<Long, LiveConference> conferences = new ConcurrentHashMap<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private ConferencePolicy policy;
    private ConferenceLoops loops;
    private ExecutorService io;
    private volatile InviteDialer dialer;
    private volatile CallRecorder recorder;
    private volatile AudioCatalog catalog;
    private final Around around = new Around();
    private SourceLimits limits;
    private ConferenceEvents events;
    private Duration holdTimeout;
    private volatile boolean stopping;

    @EJB
    private MediaServer media;

    @EJB
    private RecordingService recordings;

    @PostConstruct
    void start() {
        policy = InviteSettings.applyTo(ConferencePolicy.DEFAULTS);
        Settings settings = Settings.current();
        limits = new SourceLimits(SourceLimits.Limits.fromSettings(settings), clock, System::nanoTime);
        events = new ConferenceEvents((int) settings.number("events.queue", 100_000, 100, 10_000_000),
                (int) settings.number("events.keep", 20_000, 100, 10_000_000));
        holdTimeout = Duration.ofSeconds(settings.number("hold.timeout.seconds", 7200, 1, 7 * 86_400));
        loops = new ConferenceLoops(Math.max(2, Runtime.getRuntime().availableProcessors()));
        io = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "conference-io");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        loops.close();
        events.close();
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ calls (SIP)

    /**
     * An answered call enters the conference of {@code extension} (the PIN prompt, admission and
     * announcements follow from the settings in force). Blocks only to read the uploaded sounds when
     * the conference starts with this call.
     *
     * @return the call's handle: its participant id, and the way its keys, hold and end reach the conference
     */
    public ParticipantHandle join(ConferenceExtension extension, CallLeg leg) {
        ParticipantHandle handle = new ParticipantHandle(ParticipantIds.next(), null);
        if (stopping) {
            leg.hangUp(HangupReason.SERVER_STOPPING); // answered in the last moment of a stop
            return handle;
        }
        enter(extension, handle, leg);
        return handle;
    }

    /**
     * The server is stopping: every live call is hung up (BYE) and every pending invite cancelled, so phones
     * are not left in dead air and each conference ends and is recorded while the database is still there.
     * Called by the launcher before the SIP container stops. Waits up to {@code timeout} for the conferences
     * to close.
     *
     * @return the conferences still open when the wait ended
     */
    public int hangUpAll(Duration timeout) {
        stopping = true;
        List<LiveConference> running = new ArrayList<>(conferences.values());
        running.forEach(LiveConference::endForShutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (conferences) {
            while (!conferences.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(conferences, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int open = conferences.size();
        LOG.info(() -> "stopping: hung up the calls of " + running.size() + " conferences"
                + (open == 0 ? "" : "; " + open + " did not close in " + timeout));
        return open;
    }

    private void enter(ConferenceExtension extension, ParticipantHandle handle, CallLeg leg) {
        LiveConference conference;
        while (true) {
            conference = conferences.get(extension.extensionId());
            if (conference == null) {
                AudioCatalog.LoadedSounds sounds = catalog().load(extension.clientId(), extension.settings());
                conference = conferences.computeIfAbsent(extension.extensionId(), id -> new LiveConference(id,
                        extension.clientId(), extension.settings(), sounds, policy, media.createRoom(id),
                        loops.loopFor(id), around));
            }
            if (conference.reserveArrival()) {
                break;
            }
            conferences.remove(extension.extensionId(), conference); // it ended just now: start a new one
        }
        handle.moveTo(conference);
        LiveConference target = conference;
        target.execute(() -> target.arrive(handle, leg));
    }

    /** What happens in the live conferences (subscribe to hear it; recent events are kept for resuming). */
    public ConferenceEvents events() {
        return events;
    }

    /** Per-source limits on new calls and wrong PINs (the SIP side asks before answering). */
    public SourceLimits limits() {
        return limits;
    }

    /** The SIP module registers the dialer that places invite calls (at servlet start). */
    public void registerDialer(InviteDialer inviteDialer) {
        this.dialer = inviteDialer;
    }

    // ------------------------------------------------------------------ settings (configuration services)

    @Override
    public boolean isLive(long extensionId) {
        return conferences.containsKey(extensionId);
    }

    /**
     * The extension's properties were changed: the running conference (if any) gets them at once. The
     * settings are read again here, after the change was committed, under the conference's monitor, so
     * concurrent changes reach the loop in the order they were read and the last one wins.
     */
    @Override
    public void settingsChanged(long extensionId, Supplier<ConferenceSettings> latest) {
        LiveConference conference = conferences.get(extensionId);
        if (conference == null) {
            return; // the next caller reads them
        }
        synchronized (conference) {
            ConferenceSettings settings = latest.get();
            AudioCatalog.LoadedSounds sounds = catalog().load(conference.clientId(), settings);
            conference.execute(() -> conference.changeSettings(settings, sounds));
        }
    }

    // ------------------------------------------------------------------ queries (health, REST, tests)

    /** Number of calls in conferences (answered and not yet ended). */
    public int callCount() {
        return callCount.get();
    }

    /** Every live call. */
    public List<LiveCall> calls() {
        List<LiveCall> calls = new ArrayList<>();
        for (LiveConference conference : List.copyOf(conferences.values())) {
            calls.addAll(conference.call(conference::calls));
        }
        return calls;
    }

    /** The live conference of an extension, or empty when nobody is in it. */
    public Optional<LiveConferenceView> conference(long extensionId) {
        LiveConference conference = conferences.get(extensionId);
        if (conference == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(conference.call(() -> conference.isClosed() ? null : conference.view()));
    }

    // ------------------------------------------------------------------ moderator actions over REST

    /** Mutes or unmutes one participant (no prompt). */
    public void setMuted(long extensionId, ParticipantId participant, boolean muted) {
        act(extensionId, rules -> known("participant", () -> rules.setMuted(participant, muted)));
    }

    /** Like {@code *91} (true) / {@code *90} (false), without the confirmation prompt. */
    public void setAllMuted(long extensionId, boolean muted) {
        act(extensionId, rules -> muted ? rules.muteAllNonModerators() : rules.unmuteAllNonModerators());
    }

    /** Like {@code *92} / {@code *93}. */
    public void setLocked(long extensionId, boolean locked) {
        act(extensionId, rules -> locked ? rules.lock() : rules.unlock());
    }

    /** Like {@code *95} (true) / {@code *94} (false). */
    public void setJoinNotifications(long extensionId, boolean on) {
        act(extensionId, rules -> rules.setJoinNotifications(on));
    }

    /** Says goodbye to the participant and hangs up. */
    public void remove(long extensionId, ParticipantId participant) {
        act(extensionId, rules -> known("participant", () -> rules.remove(participant, clock.instant())));
    }

    /** Invites a number over REST, with the rules of {@code *8}; the decision says whether the call is placed. */
    public InviteDecision invite(long extensionId, String number) {
        LiveConference conference = live(extensionId);
        return conference.call(() -> {
            requireOpen(conference);
            InviteDecision decision = conference.rules().requestInvite(null, number, clock.instant());
            conference.apply(decision.instructions());
            return decision;
        });
    }

    /** Cancels a pending invite (its call gets a CANCEL). */
    public void cancelInvite(long extensionId, InviteId invite) {
        act(extensionId, rules -> known("pending invite", () -> rules.cancelInvite(invite, clock.instant())));
    }

    private void act(long extensionId, java.util.function.Function<Conference, List<Instruction>> action) {
        LiveConference conference = live(extensionId);
        conference.call(() -> {
            requireOpen(conference);
            conference.apply(action.apply(conference.rules()));
            return null;
        });
    }

    private static void requireOpen(LiveConference conference) {
        if (conference.isClosed()) {
            throw new ResourceNotFoundException("live conference", conference.extensionId());
        }
    }

    /** A REST action on an unknown participant or invite: 404 for the caller, not an EJB system error. */
    private static List<Instruction> known(String what, Supplier<List<Instruction>> action) {
        try {
            return action.get();
        } catch (NotInConferenceException e) {
            throw new ResourceNotFoundException(what, "in this live conference");
        }
    }

    private LiveConference live(long extensionId) {
        LiveConference conference = conferences.get(extensionId);
        if (conference == null) {
            throw new ResourceNotFoundException("live conference", extensionId);
        }
        return conference;
    }

    private AudioCatalog catalog() {
        AudioCatalog c = catalog;
        if (c == null) {
            c = media.catalog();
            catalog = c;
        }
        return c;
    }

    private CallRecorder recorder() {
        CallRecorder r = recorder;
        if (r == null) {
            r = CallRecorder.fromSystemProperties(recordings);
            recorder = r;
        }
        return r;
    }

    /** What the live conferences need from this server. */
    private final class Around implements LiveConference.Surroundings {
        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public AudioCatalog catalog() {
            return LiveConferences.this.catalog();
        }

        @Override
        public void attachMedia(MediaLeg leg, MediaLegListener listener) {
            media.attach(leg, listener);
        }

        @Override
        public InviteDialer dialer() {
            return dialer;
        }

        @Override
        public void startRecording(long extensionId, MediaLeg leg, String number, String inviter, Instant now,
                                   CallRecorder.Listener listener) {
            io.execute(() -> {
                try {
                    recorder().start(extensionId, leg, number, inviter, now, listener);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "recording of " + number + " in conference " + extensionId
                            + " could not start", e);
                }
            });
        }

        @Override
        public void closed(LiveConference conference) {
            conferences.remove(conference.extensionId(), conference);
            if (stopping) {
                synchronized (conferences) {
                    conferences.notifyAll(); // hangUpAll waits for the last one
                }
            }
        }

        @Override
        public void callCountChanged(int delta) {
            callCount.addAndGet(delta);
        }

        @Override
        public void wrongPin(String source) {
            limits.wrongPin(source);
        }

        @Override
        public Duration holdTimeout() {
            return holdTimeout;
        }

        @Override
        public ConferenceEvents events() {
            return events;
        }
    }
}
