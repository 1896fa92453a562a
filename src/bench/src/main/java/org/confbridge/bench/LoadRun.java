package org.confbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegStats;
import org.confbridge.media.MediaStats;
import org.confbridge.media.Room;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.engine.DefaultMediaEngine;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * End-to-end load run: N simulated phones on loopback (rooms of 10) each send a 20 ms G.711 frame
 * every 20 ms to the engine and receive its mix. Reports server CPU per participant-frame (CPU
 * time of the engine's own threads only), late ticks, lost frames, tick p50/p99, heap and RSS,
 * and, as the floor, the CPU cost of one loopback UDP send plus receive measured in the same run.
 *
 * <p>Usage: {@code LoadRun [participants...]} (default 100 500 1000 2000). System properties:
 * {@code rx.threads} (engine I/O loop threads, default 2), {@code mix.threads} (default 1), {@code measure.seconds} (default 10),
 * {@code talkers} (talkers per room of 10, default 2; the others send line noise), {@code port.per.call}
 * (true: a UDP port per leg, as before the shared ports; default false).
 */
public final class LoadRun {
    private static final int ROOM_SIZE = 10;
    private static final int TALKERS = Integer.getInteger("talkers", 2);
    private static final int FRAME = 160;
    private static final long TICK_NANOS = 20_000_000L;

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 500, 1000, 2000);
        }
        int rxThreads = Integer.getInteger("rx.threads", 2);
        int mixThreads = Integer.getInteger("mix.threads", 1);
        int measureSeconds = Integer.getInteger("measure.seconds", 10);
        double floorMicros = loopbackFloorMicros();
        System.out.printf(Locale.ROOT,
                "cores=%d rx.threads=%d mix.threads=%d talkers/room=%d/%d measure=%ds load=%.1f floor(loopback UDP send+receive)=%.2f us%n",
                Runtime.getRuntime().availableProcessors(), rxThreads, mixThreads, TALKERS, ROOM_SIZE, measureSeconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), floorMicros);
        System.out.println("participants | server CPU us/participant-frame (x floor) | late ticks | lost frames to phones"
                + " | inbound dropped/concealed | tick p50/p99/max us | heap MB | RSS MB");
        for (int participants : sizes) {
            run(participants, rxThreads, mixThreads, measureSeconds, floorMicros);
        }
    }

    /** CPU time of one send on one loopback socket plus its receive on another: the packet path's floor. */
    static double loopbackFloorMicros() throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            b.configureBlocking(false);
            InetSocketAddress to = (InetSocketAddress) b.getLocalAddress();
            ByteBuffer out = ByteBuffer.allocateDirect(172);
            ByteBuffer in = ByteBuffer.allocate(2048);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                int iterations = 50_000;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    out.clear();
                    a.send(out, to);
                    in.clear();
                    while (b.receive(in) == null) {
                        Thread.onSpinWait();
                    }
                }
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / iterations);
            }
            return best;
        }
    }

    private static void run(int participants, int rxThreads, int mixThreads, int measureSeconds, double floorMicros)
            throws Exception {
        MediaEngineConfig config = MediaEngineConfig.defaults(InetAddress.getLoopbackAddress())
                .withPorts(20000, 29999).withReceiveThreads(rxThreads).withMixThreads(mixThreads)
                .withMediaTimeout(Duration.ZERO).withPortPerCall(Boolean.getBoolean("port.per.call"));
        try (DefaultMediaEngine engine = DefaultMediaEngine.create(config); Phones phones = new Phones(participants)) {
            engine.start();
            List<MediaLeg> legs = new ArrayList<>();
            Room room = null;
            for (int i = 0; i < participants; i++) {
                if (i % ROOM_SIZE == 0) {
                    room = engine.createRoom("room-" + i / ROOM_SIZE);
                }
                MediaLeg leg = engine.allocateLeg();
                leg.update(new NegotiatedMedia(phones.address(i), AudioCodec.PCMU, 0, 101, MediaDirection.SENDRECV, 20));
                room.join(leg, JoinOptions.DEFAULT);
                legs.add(leg);
            }
            phones.start(legs);
            Thread.sleep(3000); // warm-up: JIT, latching, jitter buffers filled
            Snapshot before = Snapshot.take(engine, legs, phones);
            java.util.Map<String, Long> cpuBefore = cpuByThread();
            Thread.sleep(measureSeconds * 1000L);
            Snapshot after = Snapshot.take(engine, legs, phones);
            java.util.Map<String, Long> cpuAfter = cpuByThread();
            phones.stop();
            java.util.Map<String, Long> drops = new java.util.TreeMap<>();
            for (MediaLeg leg : legs) {
                leg.stats().dropped().forEach((reason, count) -> drops.merge(reason, count, Long::sum));
            }
            System.out.println("    engine drops by reason (whole run): " + drops + ", from strangers (no leg's source): "
                    + engine.stats().droppedFromStrangers() + ", packets sent by the engine: "
                    + (legs.stream().mapToLong(l -> l.stats().packetsSent()).sum()));
            StringBuilder split = new StringBuilder("    CPU by thread (us per participant-frame):");
            long ticks = after.ticks() - before.ticks();
            for (var entry : cpuAfter.entrySet()) {
                long delta = entry.getValue() - cpuBefore.getOrDefault(entry.getKey(), 0L);
                split.append(String.format(Locale.ROOT, " %s=%.2f", entry.getKey(),
                        delta / 1000.0 / Math.max(1, ticks) / participants));
            }
            System.out.println(split);
            long sentDelta = after.phoneSent() - before.phoneSent();
            long receivedDelta = after.phoneReceived() - before.phoneReceived();
            double generatorFloor = (cpuAfter.getOrDefault("load-sender", 0L) - cpuBefore.getOrDefault("load-sender", 0L))
                    / 1000.0 / Math.max(1, sentDelta)
                    + (cpuAfter.getOrDefault("load-receiver", 0L) - cpuBefore.getOrDefault("load-receiver", 0L))
                    / 1000.0 / Math.max(1, receivedDelta);
            double engineMicros = (after.engineCpuNanos() - before.engineCpuNanos()) / 1000.0
                    / Math.max(1.0, (double) (after.ticks() - before.ticks()) * participants);
            System.out.printf(Locale.ROOT, "    in-run floor: the generator's own send + receive = %.2f us per packet;"
                    + " engine / in-run floor = %.2fx%n", generatorFloor, engineMicros / generatorFloor);
            report(participants, before, after, engine.stats(), floorMicros);
            for (MediaLeg leg : legs) {
                leg.close();
            }
        }
    }

    private static void report(int participants, Snapshot before, Snapshot after, MediaStats stats, double floor) {
        long ticks = after.ticks - before.ticks;
        double participantFrames = (double) ticks * participants;
        double cpuMicros = (after.engineCpuNanos - before.engineCpuNanos) / 1000.0 / participantFrames;
        long late = after.lateTicks - before.lateTicks;
        long expectedToPhones = (long) participantFrames;
        long receivedByPhones = after.phoneReceived - before.phoneReceived;
        double lost = 100.0 * Math.max(0, expectedToPhones - receivedByPhones) / expectedToPhones;
        long sentByPhones = after.phoneSent - before.phoneSent;
        long acceptedByEngine = after.engineReceived - before.engineReceived;
        double inboundDropped = 100.0 * Math.max(0, sentByPhones - acceptedByEngine) / Math.max(1, sentByPhones);
        double concealed = 100.0 * (after.concealed - before.concealed) / participantFrames;
        long queueFull = after.queueFull - before.queueFull;
        System.gc();
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.out.printf(Locale.ROOT,
                "%12d | %8.2f us (%.2fx) | %d of %d (%.3f%%) | %.3f%% | %.3f%% (mixer queue full: %d) / %.3f%% | %d/%d/%d | %d | %d%n",
                participants, cpuMicros, cpuMicros / floor, late, ticks, 100.0 * late / Math.max(1, ticks), lost,
                inboundDropped, queueFull, concealed, stats.tickP50Micros(), stats.tickP99Micros(), stats.tickMaxMicros(), heapMb,
                rssMb());
    }

    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Counters at one instant. */
    private record Snapshot(long ticks, long lateTicks, long engineCpuNanos, long phoneReceived, long phoneSent,
            long engineReceived, long concealed, long queueFull) {
        static Snapshot take(DefaultMediaEngine engine, List<MediaLeg> legs, Phones phones) {
            long received = 0;
            long concealed = 0;
            long queueFull = 0;
            for (MediaLeg leg : legs) {
                MediaLegStats stats = leg.stats();
                received += stats.packetsReceived();
                concealed += stats.concealedFrames();
                queueFull += stats.dropped().getOrDefault("QUEUE_FULL", 0L);
            }
            MediaStats stats = engine.stats();
            return new Snapshot(stats.ticks(), stats.lateTicks(), measureEngineCpuNanos(), phones.received.get(),
                    phones.sent.get(), received, concealed, queueFull);
        }
    }

    /** CPU time of the engine's threads (clock, receive loops, events, I/O): the server's share of the JVM. */
    private static long measureEngineCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("media-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static java.util.Map<String, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("media-") || info.getThreadName().startsWith("load-"))) {
                cpu.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return cpu;
    }

    /** The simulated phones: one sender thread paced at 20 ms, one selector thread receiving. */
    private static final class Phones implements AutoCloseable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        private final List<DatagramChannel> channels = new ArrayList<>();
        private final Selector selector;
        private volatile boolean running = true;
        private Thread sender;
        private Thread receiver;

        Phones(int count) throws IOException {
            selector = Selector.open();
            for (int i = 0; i < count; i++) {
                DatagramChannel channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                channels.add(channel);
            }
        }

        InetSocketAddress address(int index) throws IOException {
            return (InetSocketAddress) channels.get(index).getLocalAddress();
        }

        void start(List<MediaLeg> legs) {
            List<InetSocketAddress> targets = new ArrayList<>();
            for (MediaLeg leg : legs) {
                targets.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), leg.localPort()));
            }
            sender = new Thread(() -> send(targets), "load-sender");
            receiver = new Thread(this::receive, "load-receiver");
            sender.start();
            receiver.start();
        }

        private void send(List<InetSocketAddress> targets) {
            // Every phone sends a packet every 20 ms, as phones without silence suppression do.
            // The first TALKERS of each room talk (a 440 Hz tone); the others send line noise.
            short[] pcm = new short[FRAME];
            byte[] talk = new byte[FRAME];
            byte[] noise = new byte[FRAME];
            java.util.Random random = new java.util.Random(1);
            byte[] packet = new byte[RtpPacket.HEADER_SIZE + FRAME];
            ByteBuffer out = ByteBuffer.allocateDirect(packet.length);
            long start = System.nanoTime();
            for (long tick = 0; running; tick++) {
                long wait = start + tick * TICK_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                for (int i = 0; i < FRAME; i++) {
                    pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * (tick * FRAME + i) / 8000.0));
                }
                G711Codec.of(AudioCodec.PCMU).encode(pcm, 0, FRAME, talk, 0);
                for (int i = 0; i < FRAME; i++) {
                    pcm[i] = (short) (random.nextGaussian() * 30);
                }
                G711Codec.of(AudioCodec.PCMU).encode(pcm, 0, FRAME, noise, 0);
                for (int p = 0; p < targets.size(); p++) {
                    System.arraycopy(p % ROOM_SIZE < TALKERS ? talk : noise, 0, packet, RtpPacket.HEADER_SIZE, FRAME);
                    RtpPacket.writeHeader(packet, false, 0, (int) tick, tick * FRAME, p + 1);
                    out.clear();
                    out.put(packet);
                    out.flip();
                    try {
                        if (channels.get(p).send(out, targets.get(p)) > 0) {
                            sent.incrementAndGet(); // 0: the generator's own socket buffer was full
                        }
                    } catch (IOException e) {
                        // counted as not sent
                    }
                }
            }
        }

        private void receive() {
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            while (running) {
                try {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        DatagramChannel channel = (DatagramChannel) key.channel();
                        in.clear();
                        while (channel.receive(in) != null) {
                            received.incrementAndGet();
                            in.clear();
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            selector.wakeup();
            sender.join();
            receiver.join();
        }

        @Override
        public void close() throws IOException {
            running = false;
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            selector.close();
        }
    }
}
