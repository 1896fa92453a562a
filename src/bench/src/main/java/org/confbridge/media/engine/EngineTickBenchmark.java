package org.confbridge.media.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.Room;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole mixer tick for {@code participants} legs in rooms of 10 (2 talkers per room, the rest
 * sending line noise), without the network: each leg's RTP packet is handed to its session as
 * the I/O loop would, then the tick runs (jitter buffers, talk detection, sums, mix-minus,
 * encoding, queuing the outgoing packets). Divide by {@code participants} for the cost per
 * participant-frame of the mixer thread. Lives in the engine's package to reach the tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx512m")
public class EngineTickBenchmark {
    @Param({"1000", "2000"})
    int participants;

    private DefaultMediaEngine engine;
    private DatagramChannel sink;
    private final List<Leg> legs = new ArrayList<>();
    private byte[][] packets;
    private final InetSocketAddress source = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    private long tick;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MediaEngineConfig config = MediaEngineConfig.defaults(InetAddress.getLoopbackAddress())
                .withPorts(20000, 29999).withMediaTimeout(Duration.ZERO)
                .withMixThreads(1); // the whole tick on this thread: its CPU time is the tick's
        engine = DefaultMediaEngine.manual(config, Runnable::run, Runnable::run);
        sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        NegotiatedMedia media = new NegotiatedMedia((InetSocketAddress) sink.getLocalAddress(), AudioCodec.PCMU, 0,
                101, MediaDirection.SENDRECV, 20);
        Room room = null;
        for (int i = 0; i < participants; i++) {
            if (i % 10 == 0) {
                room = engine.createRoom("r" + i);
            }
            MediaLeg leg = engine.allocateLeg();
            leg.update(media);
            room.join(leg, JoinOptions.DEFAULT);
            legs.add((Leg) leg);
        }
        packets = new byte[2][RtpPacket.HEADER_SIZE + 160];
        short[] talk = new short[160];
        short[] noise = new short[160];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 160; i++) {
            talk[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            noise[i] = (short) (random.nextGaussian() * 30);
        }
        G711Codec.of(AudioCodec.PCMU).encode(talk, 0, 160, packets[0], RtpPacket.HEADER_SIZE);
        G711Codec.of(AudioCodec.PCMU).encode(noise, 0, 160, packets[1], RtpPacket.HEADER_SIZE);
        engine.advance(1);
    }

    @Benchmark
    public void tick() {
        handPacketsIn();
        engine.mixer().tick();
    }

    /** What the I/O loop does per packet after the system call: parse, validate, latch, queue. */
    void handPacketsIn() {
        for (int i = 0; i < legs.size(); i++) {
            byte[] packet = packets[i % 10 < 2 ? 0 : 1];
            RtpPacket.writeHeader(packet, false, 0, (int) tick, tick * 160, i + 1);
            legs.get(i).session.receive(packet, packet.length, source, 0);
        }
        tick++;
    }

    /**
     * Without JMH: CPU time of the tick thread per tick (robust on a busy machine, where wall
     * time mostly measures waiting for a core). Usage: {@code EngineTickBenchmark [participants...]}.
     */
    public static void main(String[] args) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String arg : args.length == 0 ? new String[] {"100", "500", "1000", "2000"} : args) {
            EngineTickBenchmark bench = new EngineTickBenchmark();
            bench.participants = Integer.parseInt(arg);
            bench.setUp();
            for (int i = 0; i < 1000; i++) {
                bench.tick();
            }
            int ticks = 1000;
            long[] cpu = new long[ticks];
            long handIn = 0;
            for (int i = 0; i < ticks; i++) {
                long start = threads.getCurrentThreadCpuTime();
                bench.handPacketsIn();
                long mid = threads.getCurrentThreadCpuTime();
                bench.engine.mixer().tick();
                long end = threads.getCurrentThreadCpuTime();
                handIn += mid - start;
                cpu[i] = end - mid;
                Thread.sleep(0, 100_000); // let the I/O loops send, as between real ticks
            }
            System.out.printf(java.util.Locale.ROOT, "  handing packets in (I/O loop's share): %.2f us per packet%n",
                    handIn / 1000.0 / ticks / bench.participants);
            java.util.Arrays.sort(cpu);
            System.out.printf(java.util.Locale.ROOT,
                    "participants=%d mixer tick CPU p50=%d us p99=%d us, per participant-frame p50=%.2f us%n",
                    bench.participants, cpu[ticks / 2] / 1000, cpu[ticks * 99 / 100] / 1000,
                    cpu[ticks / 2] / 1000.0 / bench.participants);
            bench.tearDown();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        sink.close();
    }
}
