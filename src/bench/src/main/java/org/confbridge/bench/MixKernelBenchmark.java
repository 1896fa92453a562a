package org.confbridge.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.mixer.MixKernel;
import org.confbridge.media.sdp.AudioCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-tick work of one room, as the mixer does it: one 32-bit sum of every talker, then for
 * each listener the sum minus itself, clipped and G.711-encoded. {@code talkers} of the
 * {@code roomSize} members speak; the silent rest share one encoded frame.
 * Divide the score by {@code roomSize} for the cost per participant-frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixKernelBenchmark {
    private static final int N = AudioFrames.FRAME_SAMPLES;

    @Param({"10", "50"})
    int roomSize;

    @Param({"1", "3", "10"})
    int talkers;

    private short[][] frames;
    private final int[] sum = new int[N];
    private final short[] out = new short[N];
    private final short[] shared = new short[N];
    private final byte[] encoded = new byte[N];
    private final byte[] sharedEncoded = new byte[N];
    private final G711Codec codec = G711Codec.of(AudioCodec.PCMU);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        frames = new short[roomSize][N];
        for (short[] frame : frames) {
            for (int i = 0; i < N; i++) {
                frame[i] = (short) (random.nextGaussian() * 3000);
            }
        }
    }

    @Benchmark
    public void roomTick(Blackhole sink) {
        int speaking = Math.min(talkers, roomSize);
        MixKernel.clear(sum, N);
        for (int m = 0; m < speaking; m++) {
            MixKernel.accumulate(sum, frames[m], N);
        }
        for (int m = 0; m < speaking; m++) {
            MixKernel.mixMinus(sum, frames[m], out, N);
            codec.encode(out, 0, N, encoded, 0);
            sink.consume(encoded);
        }
        if (speaking < roomSize) {
            MixKernel.clipTo(sum, shared, N);
            codec.encode(shared, 0, N, sharedEncoded, 0);
            sink.consume(sharedEncoded);
        }
    }

    /** The naive alternative the design avoids: each listener sums everyone else (quadratic). */
    @Benchmark
    public void roomTickQuadratic(Blackhole sink) {
        for (int listener = 0; listener < roomSize; listener++) {
            MixKernel.clear(sum, N);
            for (int m = 0; m < Math.min(talkers, roomSize); m++) {
                if (m != listener) {
                    MixKernel.accumulate(sum, frames[m], N);
                }
            }
            MixKernel.clipTo(sum, out, N);
            codec.encode(out, 0, N, encoded, 0);
            sink.consume(encoded);
        }
    }

    /**
     * Without JMH: thread CPU time per room tick (robust on a busy machine, where JMH's wall time
     * mostly measures waiting for a core).
     */
    public static void main(String[] args) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Blackhole sink = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int roomSize : new int[] {10, 50}) {
            for (int talkers : new int[] {1, 3, 10}) {
                MixKernelBenchmark bench = new MixKernelBenchmark();
                bench.roomSize = roomSize;
                bench.talkers = talkers;
                bench.setUp();
                for (int i = 0; i < 200_000; i++) {
                    bench.roomTick(sink);
                }
                int rounds = 200_000;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds; i++) {
                    bench.roomTick(sink);
                }
                double nanos = (threads.getCurrentThreadCpuTime() - cpu) / (double) rounds;
                long quadCpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds / 10; i++) {
                    bench.roomTickQuadratic(sink);
                }
                double quadratic = (threads.getCurrentThreadCpuTime() - quadCpu) / (double) (rounds / 10);
                System.out.printf(java.util.Locale.ROOT,
                        "room of %d, %d talking: %.0f ns per room tick = %.0f ns per participant-frame"
                                + " (quadratic mixing: %.0f ns per participant-frame)%n",
                        roomSize, talkers, nanos, nanos / roomSize, quadratic / roomSize);
            }
        }
    }
}
