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
                        LiveConferences.class.getPackage())
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
        TestLeg first = leg("a");
        TestLeg second = leg("b");

        live.join(conference, first);
        live.join(conference, second);

        assertThat(live.isLive(conference.extensionId())).isTrue();
        assertThat(callsIn(conference)).extracting(LiveCall::legId, LiveCall::role, LiveCall::muted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), "PARTICIPANT", false),
                        org.assertj.core.groups.Tuple.tuple(second.id(), "PARTICIPANT", false));

        live.leave(first.id());
        live.leave(second.id());
        assertThat(live.isLive(conference.extensionId())).isFalse();
        assertThat(callsIn(conference)).isEmpty();
    }

    @Test
    void starOneFromTheKeypadTogglesTheCallersMicrophone() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        TestLeg caller = leg("keys");
        live.join(conference, caller);

        assertThat(live.keyPressed(caller.id(), '*')).isTrue();
        assertThat(live.keyPressed(caller.id(), '1')).isTrue();
        assertThat(mutedOf(caller)).isTrue();

        live.keyPressed(caller.id(), '*');
        live.keyPressed(caller.id(), '1');
        assertThat(mutedOf(caller)).isFalse();
    }

    @Test
    void threeWrongPinsEndTheCallAfterThePrompts() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS.withPin("4321"));
        TestLeg caller = leg("pin");
        live.join(conference, caller);
        assertThat(callsIn(conference)).singleElement().extracting(LiveCall::role).as("no role before the PIN").isNull();

        for (int attempt = 0; attempt < 3; attempt++) {
            "999#".chars().forEach(key -> live.keyPressed(caller.id(), (char) key));
        }

        await(() -> !caller.hangUps.isEmpty(), Duration.ofSeconds(30));
        assertThat(caller.hangUps).containsExactly(HangupReason.PIN_FAILED);
        assertThat(callsIn(conference)).isEmpty();
    }

    @Test
    void theRightPinAdmitsTheCaller() {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS.withPin("4321"));
        TestLeg caller = leg("pin-ok");
        live.join(conference, caller);

        "4321#".chars().forEach(key -> live.keyPressed(caller.id(), (char) key));

        assertThat(callsIn(conference)).singleElement().extracting(LiveCall::role).isEqualTo("PARTICIPANT");
        assertThat(caller.hangUps).isEmpty();
    }

    @Test
    void keysOfUnknownCallsAreRefusedAndNonKeysRejected() {
        assertThat(live.keyPressed("no-such-call", '5')).isFalse();
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        TestLeg caller = leg("bad-key");
        live.join(conference, caller);

        assertThatThrownBy(() -> live.keyPressed(caller.id(), 'x')).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(callsIn(conference)).as("the call survives a bad key").hasSize(1);
    }

    @Test
    void concurrentCallersLeaveAConsistentState() throws Exception {
        ConferenceExtension conference = conference(ConferenceSettings.DEFAULTS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TestLeg caller = leg("c" + i);
                done.add(pool.submit(() -> {
                    live.join(conference, caller);
                    live.keyPressed(caller.id(), '*');
                    live.keyPressed(caller.id(), '1');
                    live.leave(caller.id());
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(callsIn(conference)).isEmpty();
        assertThat(live.isLive(conference.extensionId())).isFalse();
    }

    private List<LiveCall> callsIn(ConferenceExtension conference) {
        return live.calls().stream().filter(c -> c.extensionId() == conference.extensionId()).toList();
    }

    private boolean mutedOf(TestLeg leg) {
        return live.calls().stream().filter(c -> c.legId().equals(leg.id())).findFirst().orElseThrow().muted();
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
            return new TestLeg(name + "-" + System.nanoTime(), media);
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

    /** A call as the SIP adapter hands it over: an id, a media leg, and a record of hang-ups. */
    private static final class TestLeg implements CallLeg {
        final String id;
        final MediaLeg media;
        final List<HangupReason> hangUps = new CopyOnWriteArrayList<>();

        TestLeg(String id, MediaLeg media) {
            this.id = id;
            this.media = media;
        }

        @Override
        public String id() {
            return id;
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
