package org.confbridge.media.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.MediaEngine;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaStats;
import org.confbridge.media.Room;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.mixer.MediaClock;
import org.confbridge.media.player.PromptLibrary;
import org.confbridge.media.rtp.RtpDropReason;
import org.confbridge.media.rtp.RtpPortAllocator;
import org.confbridge.media.rtp.RtpReceiveLoop;
import org.confbridge.media.rtp.SharedRtpPort;
import org.confbridge.media.rtp.UdpRtpTransport;
import org.confbridge.media.sdp.AudioCodec;

/**
 * The built-in media engine: UDP RTP legs, rooms, one 20 ms clock.
 *
 * <p>{@link #create} gives the production engine (its own clock, event and I/O threads).
 * {@link #manual} gives an engine whose clock is stepped by {@link #advance(int)}, with caller-chosen
 * executors, for tests that must control time.
 */
public final class DefaultMediaEngine implements MediaEngine {
    private static final Logger LOG = Logger.getLogger(DefaultMediaEngine.class.getName());
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(AudioFrames.FRAME_MILLIS);

    private final MediaEngineConfig config;
    private final RtpPortAllocator ports;
    private final List<RtpReceiveLoop> loops = new ArrayList<>();        // port-per-call mode
    private final List<SharedRtpPort> sharedPorts = new ArrayList<>();    // shared-port mode (the default)
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Mixer mixer;
    private final MediaClock clock;
    private final Executor events;
    private final Executor io;
    private final List<ExecutorService> ownedExecutors = new ArrayList<>();
    private final ClipLoader clips;
    private final Set<Leg> legs = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.LongAdder strangerPackets = new java.util.concurrent.atomic.LongAdder();
    private final PacketTotals closedLegs = new PacketTotals();
    private final Map<String, MixRoom> rooms = new ConcurrentHashMap<>();
    private final byte[][] silencePayloads = new byte[AudioCodec.values().length][AudioFrames.FRAME_SAMPLES];
    private volatile boolean started;
    private volatile boolean closed;

    private DefaultMediaEngine(MediaEngineConfig config, Executor events, Executor io, boolean ownClock)
            throws IOException {
        this.config = config;
        this.ports = new RtpPortAllocator(config.bindAddress(), config.rtpPortMin(), config.rtpPortMax());
        this.mixer = new Mixer(config.mediaTimeout().toNanos(), this::flushLoops, config.mixThreads());
        this.events = events;
        this.io = io;
        this.clips = new ClipLoader(new PromptLibrary(DefaultMediaEngine.class.getClassLoader()));
        this.clock = ownClock ? new MediaClock(TICK_NANOS, mixer::tick, mixer::ticksSkipped, "media-clock") : null;
        for (AudioCodec codec : AudioCodec.values()) {
            if (!codec.wideband()) {
                java.util.Arrays.fill(silencePayloads[codec.ordinal()], G711Codec.of(codec).silence());
            }
        }
        try {
            for (int i = 0; i < config.receiveThreads(); i++) {
                if (config.portPerCall()) {
                    loops.add(new RtpReceiveLoop("media-rtp-rx-" + i));
                } else {
                    sharedPorts.add(SharedRtpPort.open(config.bindAddress(), config.rtpPortMin(), config.rtpPortMax(),
                            "media-rtp-rx-" + i, new java.security.SecureRandom(), strangerPackets));
                }
            }
        } catch (IOException e) {
            loops.forEach(RtpReceiveLoop::close);
            sharedPorts.forEach(SharedRtpPort::close);
            throw e;
        }
    }

    private void flushLoops() {
        for (int i = 0, n = loops.size(); i < n; i++) {
            loops.get(i).requestFlush();
        }
        for (int i = 0, n = sharedPorts.size(); i < n; i++) {
            sharedPorts.get(i).requestFlush();
        }
    }

    /** The production engine; call {@link #start()} to run its clock. */
    public static DefaultMediaEngine create(MediaEngineConfig config) throws IOException {
        ExecutorService events = Executors.newSingleThreadExecutor(daemon("media-events"));
        ExecutorService io = Executors.newSingleThreadExecutor(daemon("media-io"));
        DefaultMediaEngine engine = new DefaultMediaEngine(config, events, io, true);
        engine.ownedExecutors.add(events);
        engine.ownedExecutors.add(io);
        return engine;
    }

    /**
     * An engine without a clock thread: time advances only through {@link #advance(int)}.
     * {@code events} runs listener callbacks, {@code io} writes recordings (must run tasks in order).
     */
    public static DefaultMediaEngine manual(MediaEngineConfig config, Executor events, Executor io)
            throws IOException {
        return new DefaultMediaEngine(config, events, io, false);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (!started && clock != null) {
            clock.start();
        }
        started = true;
    }

    /** Runs {@code ticks} mixer ticks now, on the calling thread (manual engines only). */
    public void advance(int ticks) {
        if (clock != null) {
            throw new IllegalStateException("this engine has its own clock");
        }
        for (int i = 0; i < ticks; i++) {
            mixer.tick();
        }
    }

    @Override
    public MediaLeg allocateLeg() throws MediaException {
        if (closed) {
            throw new MediaException("media engine is closed");
        }
        int next = nextLoop.getAndIncrement();
        try {
            Leg leg;
            if (config.portPerCall()) {
                RtpReceiveLoop loop = loops.get(Math.floorMod(next, loops.size()));
                leg = new Leg(this, digits -> UdpRtpTransport.openSession(ports, loop, digits,
                        config.strictRtpSource(), strangerPackets));
            } else {
                SharedRtpPort port = sharedPorts.get(Math.floorMod(next, sharedPorts.size()));
                leg = new Leg(this, digits -> port.openSession(digits, config.strictRtpSource(), strangerPackets));
            }
            legs.add(leg);
            post(() -> mixer.addLeg(leg));
            return leg;
        } catch (IOException e) {
            throw new MediaException("cannot open an RTP port: " + e.getMessage(), e);
        }
    }

    @Override
    public Room createRoom(String id) {
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        MixRoom room = new MixRoom(id, this);
        if (rooms.putIfAbsent(id, room) != null) {
            throw new IllegalArgumentException("room exists: " + id);
        }
        post(() -> mixer.addRoom(room));
        return room;
    }

    @Override
    public MediaStats stats() {
        long[] tick = mixer.timer().percentilesMicros();
        PacketTotals packets = packetTotals();
        return new MediaStats(legs.size(), rooms.size(), ports.inUseCount() + sharedPorts.size(),
                clock == null ? 0 : clock.ticks(), clock == null ? 0 : clock.lateTicks(),
                clock == null ? 0 : clock.skippedTicks(), tick[0], tick[1], tick[2], strangerPackets.sum(),
                packets.received, packets.sent, packets.lost, packets.concealed, packets.srtpAuthentication,
                packets.srtpReplays);
    }

    /**
     * Packet figures since the start: closed legs' final counts plus the open legs' counters, read at
     * scrape time so the receive, send and mixing paths only bump their own leg's plain counters. Under
     * the same lock as {@link #legClosed} so a leg is counted exactly once and the totals never go back.
     */
    private PacketTotals packetTotals() {
        synchronized (closedLegs) {
            PacketTotals totals = closedLegs.copy();
            for (Leg leg : legs) {
                totals.add(leg);
            }
            return totals;
        }
    }

    /** Packet counts of legs (mutable; guarded by the lock on {@link #closedLegs}). */
    private static final class PacketTotals {
        long received;
        long sent;
        long lost;
        long concealed;
        long srtpAuthentication;
        long srtpReplays;

        void add(Leg leg) {
            var counters = leg.session.counters();
            received += counters.received();
            sent += counters.sent();
            lost += counters.lost();
            concealed += leg.concealedFrames();
            srtpAuthentication += counters.dropped(RtpDropReason.SRTP_AUTHENTICATION);
            srtpReplays += counters.dropped(RtpDropReason.SRTP_REPLAY);
        }

        PacketTotals copy() {
            PacketTotals copy = new PacketTotals();
            copy.received = received;
            copy.sent = sent;
            copy.lost = lost;
            copy.concealed = concealed;
            copy.srtpAuthentication = srtpAuthentication;
            copy.srtpReplays = srtpReplays;
            return copy;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Leg leg : new ArrayList<>(legs)) {
            leg.close();
        }
        for (MixRoom room : new ArrayList<>(rooms.values())) {
            room.close();
        }
        if (clock != null) {
            clock.close();
        }
        mixer.tick(); // apply the close commands: ends playbacks and recordings with their outcomes
        mixer.close();
        loops.forEach(RtpReceiveLoop::close);
        sharedPorts.forEach(SharedRtpPort::close);
        for (ExecutorService executor : ownedExecutors) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- for legs and rooms ----

    MediaEngineConfig config() {
        return config;
    }

    Mixer mixer() {
        return mixer;
    }

    void post(Runnable command) {
        mixer.post(command);
    }

    /** Runs a listener callback on the event thread; a throwing listener is logged, not fatal. */
    void fire(Runnable callback) {
        events.execute(() -> {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "media listener failed", e);
            }
        });
    }

    Executor events() {
        return events;
    }

    Executor io() {
        return io;
    }

    ClipLoader clips() {
        return clips;
    }

    void legClosed(Leg leg) {
        synchronized (closedLegs) {
            if (legs.remove(leg)) {
                closedLegs.add(leg);
            }
        }
    }

    void roomClosed(MixRoom room) {
        rooms.remove(room.id(), room);
    }

    /** A G.711 frame of silence (the same bytes every time: such codecs have no memory). */
    byte[] silencePayload(AudioCodec codec) {
        return silencePayloads[codec.ordinal()];
    }
}
