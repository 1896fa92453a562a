package org.confbridge.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.ejb.EJB;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.DatabaseMigrator;
import org.confbridge.app.media.MediaServer;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.infrastructure.persistence.ClientEntity;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live conference registry inside OpenEJB with the real media engine: callers join and leave,
 * keys reach the conference rules, hang-ups the rules decide reach the call, and concurrent callers
 * leave a consistent state. Call legs stand in for SIP (the SIP side is covered end to end in src/server).
 */
@ExtendWith(ArquillianExtension.class)
class LiveConferencesTest {

    private static final AtomicLong EXTENSIONS = new AtomicLong(5_000);

    @Deployment
    static JavaArchive deployment() {
        return ShrinkWrap.create(JavaArchive.class, "confbridge-app.jar")
                .addPackages(false, DatabaseMigrator.class.getPackage(), ClientEntity.class.getPackage(),
                        org.confbridge.app.audio.TelephonyPcm.class.getPackage(), MediaServer.class.getPackage(),
                        LiveConferences.class.getPackage(), org.confbridge.app.events.ConferenceEvents.class.getPackage(),
                        org.confbridge.app.config.Settings.class.getPackage())
                // stand-ins of other module tests: the real registry is under test here
                .deleteClasses(org.confbridge.app.TestLiveConferences.class, org.confbridge.app.TestData.class)
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsResource("db/migration/V1__data_model.sql");
    }

    @EJB
    private LiveConferences live;

    @EJB
    private MediaServer media;

    /** Where the legs' RTP goes (opened on first use: Arquillian runs lifecycle methods elsewhere). */
    private DatagramSocket sink;

    @Test
    void callersJoinAndLeaveAndTheConferenceIsLiveMeanwhile() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        ParticipantHandle first = live.join(conference, leg("a"));
        ParticipantHandle second = live.join(conference, leg("b"));

        assertThat(live.isLive(conference.extensionId())).isTrue();
        assertThat(callsIn(conference)).extracting(LiveCall::participantId, LiveCall::role, LiveCall::muted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id().value(), "PARTICIPANT", false),
                        org.assertj.core.groups.Tuple.tuple(second.id().value(), "PARTICIPANT", false));
        assertThat(first.id().value()).as("an opaque id of the server's").matches("[a-z2-7]{12}");

        first.leave();
        second.leave();
        await(() -> !live.isLive(conference.extensionId()), Duration.ofSeconds(5));
        assertThat(callsIn(conference)).isEmpty();
    }

    @Test
    void starOneFromTheKeypadTogglesTheCallersMicrophone() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        ParticipantHandle caller = live.join(conference, leg("keys"));

        caller.pressKey('*');
        caller.pressKey('1');
        assertThat(mutedOf(caller)).isTrue();

        caller.pressKey('*');
        caller.pressKey('1');
        assertThat(mutedOf(caller)).isFalse();
    }

    @Test
    void threeWrongPinsEndTheCallAfterThePrompts() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS.withPin("4321"));
        TestLeg leg = leg("pin");
        ParticipantHandle caller = live.join(conference, leg);
        assertThat(callsIn(conference)).singleElement().extracting(LiveCall::role).as("no role before the PIN").isNull();

        for (int attempt = 0; attempt < 3; attempt++) {
            "999#".chars().forEach(key -> caller.pressKey((char) key));
        }

        await(() -> !leg.hangUps.isEmpty(), Duration.ofSeconds(30));
        assertThat(leg.hangUps).containsExactly(HangupReason.PIN_FAILED);
        assertThat(callsIn(conference)).isEmpty();
    }

    @Test
    void theRightPinAdmitsTheCaller() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS.withPin("4321"));
        TestLeg leg = leg("pin-ok");
        ParticipantHandle caller = live.join(conference, leg);

        "4321#".chars().forEach(key -> caller.pressKey((char) key));

        assertThat(callsIn(conference)).singleElement().extracting(LiveCall::role).isEqualTo("PARTICIPANT");
        assertThat(leg.hangUps).isEmpty();
    }

    @Test
    void nonKeysAreRejectedAndTheCallSurvives() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        ParticipantHandle caller = live.join(conference, leg("bad-key"));

        assertThatThrownBy(() -> caller.pressKey('x')).isInstanceOf(IllegalArgumentException.class);
        assertThat(callsIn(conference)).as("the call survives a bad key").hasSize(1);
    }

    @Test
    void aSettingsChangeReachesTheRunningConferenceAndNobodyJoiningChangesIt() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        ParticipantHandle ann = live.join(conference, leg("ann"));
        live.settingsChanged(conference.extensionId(), () -> ConferenceSettings.DEFAULTS.withMuteNonModerator(true));
        assertThat(mutedOf(ann)).as("muted at once by mute_non_moderator").isTrue();

        // A caller whose INVITE read older properties joins: the settings in force do not change.
        ParticipantHandle bob = live.join(conference, leg("bob"));
        assertThat(live.conference(conference.extensionId()).orElseThrow().settings().muteNonModerator()).isTrue();
        assertThat(mutedOf(bob)).isTrue();
    }

    @Test
    void aSlowSettingsReadOfOneConferenceDelaysNoKeysOfAnother() throws Exception {
        ConferenceExtension slow = conference(ConferenceSettings.DEFAULTS);
        ConferenceExtension other = conference(ConferenceSettings.DEFAULTS);
        ParticipantHandle inSlow = live.join(slow, leg("slow"));
        ParticipantHandle inOther = live.join(other, leg("other"));
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService admin = Executors.newSingleThreadExecutor();
        try {
            Future<?> change = admin.submit(() -> live.settingsChanged(slow.extensionId(), () -> {
                reading.countDown();
                try {
                    release.await(); // the database takes its time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ConferenceSettings.DEFAULTS.withMuteNonModerator(true);
            }));
            assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            inOther.pressKey('*');
            inOther.pressKey('1');
            inSlow.pressKey('*');
            inSlow.pressKey('1');
            assertThat(mutedOf(inOther)).isTrue();
            assertThat(mutedOf(inSlow)).as("even the slow conference's own keys go on").isTrue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("keys handled while the read is still blocked").isLessThan(1000);

            release.countDown();
            change.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(live.conference(slow.extensionId()).orElseThrow().settings().muteNonModerator()).isTrue();
        } finally {
            release.countDown();
            admin.shutdownNow();
        }
    }

    @Test
    void manyConferencesJoiningKeyingChangingAndLeavingAtOnceLeaveNothingBehind() throws Exception {
        List<ConferenceExtension> conferences = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            conferences.add(conference(ConferenceSettings.DEFAULTS));
        }
        int before = live.callCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                ConferenceExtension conference = conferences.get(i % conferences.size());
                TestLeg leg = leg("c" + i);
                boolean changer = i % 10 == 0;
                done.add(pool.submit(() -> {
                    ParticipantHandle caller = live.join(conference, leg);
                    caller.pressKey('*');
                    caller.pressKey('1');
                    if (changer) {
                        live.settingsChanged(conference.extensionId(),
                                () -> ConferenceSettings.DEFAULTS.withMuteNonModerator(true));
                    }
                    caller.leave();
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        await(() -> live.callCount() == before, Duration.ofSeconds(10));
        for (ConferenceExtension conference : conferences) {
            await(() -> !live.isLive(conference.extensionId()), Duration.ofSeconds(10));
            assertThat(callsIn(conference)).isEmpty();
        }
    }

    @Test
    void everythingThatHappensIsAnEventInOrder() throws Exception {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        List<org.confbridge.app.events.ConferenceEvent> seen = new CopyOnWriteArrayList<>();
        ParticipantHandle ann;
        try (AutoCloseable subscription = live.events().subscribe(event -> {
            if (event.extensionId() == conference.extensionId()) {
                seen.add(event);
            }
        })) {
            ann = live.join(conference, leg("ann"));
            ParticipantHandle bob = live.join(conference, leg("bob"));
            ann.pressKey('*');
            ann.pressKey('1');
            live.setLocked(conference.extensionId(), true);
            live.setMuted(conference.extensionId(), bob.id(), true);
            bob.leave();
            ann.leave();
            await(() -> seen.stream().anyMatch(e -> e.type().equals("conference.ended")), Duration.ofSeconds(5));
        }
        assertThat(seen).extracting(org.confbridge.app.events.ConferenceEvent::type).containsExactly(
                "conference.started", "participant.joined", "participant.joined", "participant.muted",
                "conference.locked", "participant.muted", "participant.left", "participant.left", "conference.ended");
        assertThat(seen.get(3).participantId()).isEqualTo(ann.id().value());
        assertThat(seen.get(3).data()).containsEntry("by", ann.id().value());
        assertThat(seen.get(4).data()).containsEntry("by", "api");
        assertThat(seen.get(5).data()).containsEntry("by", "api");
        assertThat(seen.get(6).data()).containsEntry("reason", "hangup");
        assertThat(seen.get(1).data()).containsEntry("number", "100").containsEntry("origin", "dial_in");
        assertThat(seen).extracting(org.confbridge.app.events.ConferenceEvent::conferenceId).containsOnly(
                seen.get(0).conferenceId());
        assertThat(seen).extracting(org.confbridge.app.events.ConferenceEvent::sequence).isSorted();
        assertThat(seen.get(8).data()).containsEntry("peak_participants", 2);
    }

    private List<LiveCall> callsIn(ConferenceExtension conference) {
        return live.calls().stream().filter(c -> c.extensionId() == conference.extensionId()).toList();
    }

    private boolean mutedOf(ParticipantHandle participant) {
        return live.calls().stream().filter(c -> c.participantId().equals(participant.id().value())).findFirst()
                .orElseThrow().muted();
    }

    private static ConferenceExtension conference(ConferenceSettings settings) {
        long id = EXTENSIONS.incrementAndGet();
        return new ConferenceExtension(id, 1, String.valueOf(id), "test", settings);
    }

    /** A leg negotiated like a PCMU call whose RTP goes to a discard socket on loopback. */
    private TestLeg leg(String name) {
        try {
            if (sink == null) {
                sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            }
            MediaLeg media = this.media.allocateLeg();
            media.update(new NegotiatedMedia(new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.getLocalPort()),
                    AudioCodec.PCMU, 0, 101, MediaDirection.SENDRECV, NegotiatedMedia.DEFAULT_PTIME_MILLIS));
            return new TestLeg(media);
        } catch (MediaException | SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A call as the SIP adapter hands it over: a media leg, and a record of hang-ups. */
    private static final class TestLeg implements CallLeg {
        final MediaLeg media;
        final List<HangupReason> hangUps = new CopyOnWriteArrayList<>();

        TestLeg(MediaLeg media) {
            this.media = media;
        }

        @Override
        public String callerNumber() {
            return "100";
        }

        @Override
        public String callerDisplayName() {
            return "Tester";
        }

        @Override
        public MediaLeg media() {
            return media;
        }

        @Override
        public void hangUp(HangupReason reason) {
            hangUps.add(reason);
            media.close();
        }
    }
}
