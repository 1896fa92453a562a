package org.confbridge.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.confbridge.media.codec.Downsampler2x;
import org.confbridge.media.codec.G711FrameCodec;
import org.confbridge.media.codec.G722Decoder;
import org.confbridge.media.codec.G722Encoder;
import org.confbridge.media.codec.OpusFrameDecoder;
import org.confbridge.media.codec.OpusFrameEncoder;
import org.confbridge.media.codec.Upsampler2x;
import org.confbridge.media.sdp.AudioCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one 20 ms frame costs in each codec and resampler, as a stream would pay it: G.711 and G.722 encode plus
 * decode (and G.722 each way alone), Opus encode (complexity 0, 5 and 10, 24 kbit/s) and decode, 8 to 16 kHz and 16 to 8 kHz conversion. The
 * audio is a speech-like mix (three tones and noise) that changes every frame, so no codec sees a steady signal.
 * Scores in microseconds per frame; run with {@code -prof gc} to see what each allocates per frame (Concentus
 * allocates tens of kilobytes per Opus frame, the rest nothing). Concentus's large methods take the JIT a while:
 * hence the longer warm-up.
 *
 * <p>{@code java -jar src/bench/target/benchmarks.jar CodecBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    /** Frames of prepared audio the benchmarks cycle through (1 s). */
    private static final int FRAMES = 50;

    private final short[][] wide = new short[FRAMES][320];
    private final short[][] narrow = new short[FRAMES][160];
    private final byte[][] opusPackets = new byte[FRAMES][];
    private final byte[][] g722Payloads = new byte[FRAMES][];
    private int next;

    private final G711FrameCodec g711 = G711FrameCodec.of(AudioCodec.PCMU);
    private final G722Encoder g722Encoder = new G722Encoder();
    private final G722Decoder g722Decoder = new G722Decoder();
    private final OpusFrameEncoder opus0 = new OpusFrameEncoder(0, OpusFrameEncoder.DEFAULT_BITRATE);
    private final OpusFrameEncoder opus5 = new OpusFrameEncoder(5, OpusFrameEncoder.DEFAULT_BITRATE);
    private final OpusFrameEncoder opus10 = new OpusFrameEncoder(10, OpusFrameEncoder.DEFAULT_BITRATE);
    private final OpusFrameDecoder opusDecoder = new OpusFrameDecoder();
    private final Upsampler2x upsampler = new Upsampler2x();
    private final Downsampler2x downsampler = new Downsampler2x();

    private final byte[] payload = new byte[OpusFrameEncoder.MAX_PAYLOAD];
    private final short[] pcm = new short[OpusFrameDecoder.MAX_SAMPLES];
    private final short[] narrowOut = new short[160];

    @Setup
    public void setUp() {
        Random random = new Random(42);
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < 320; i++) {
                double t = (f * 320 + i) / 16000.0;
                double speechLike = 4000 * Math.sin(2 * Math.PI * (180 + 20 * Math.sin(2 * Math.PI * 3 * t)) * t)
                        + 2000 * Math.sin(2 * Math.PI * 1200 * t) + 800 * Math.sin(2 * Math.PI * 3100 * t)
                        + random.nextGaussian() * 500;
                wide[f][i] = (short) Math.round(speechLike);
            }
            for (int i = 0; i < 160; i++) {
                narrow[f][i] = wide[f][2 * i];
            }
        }
        G722Encoder g722 = new G722Encoder();
        for (int f = 0; f < FRAMES; f++) {
            g722Payloads[f] = new byte[160];
            g722.encode(wide[f], g722Payloads[f]);
        }
        OpusFrameEncoder encoder = new OpusFrameEncoder();
        for (int f = 0; f < FRAMES; f++) {
            int length = encoder.encode(wide[f], payload);
            opusPackets[f] = java.util.Arrays.copyOf(payload, length);
        }
    }

    private int frame() {
        next = next + 1 == FRAMES ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public short g711EncodeAndDecode() {
        int f = frame();
        int length = g711.encode(narrow[f], payload);
        g711.decode(payload, 0, length, pcm);
        return pcm[7];
    }

    @Benchmark
    public short g722EncodeAndDecode() {
        int f = frame();
        int length = g722Encoder.encode(wide[f], payload);
        g722Decoder.decode(payload, 0, length, pcm);
        return pcm[7];
    }

    @Benchmark
    public int g722Encode() {
        return g722Encoder.encode(wide[frame()], payload);
    }

    @Benchmark
    public short g722Decode() {
        byte[] packet = g722Payloads[frame()];
        g722Decoder.decode(packet, 0, packet.length, pcm);
        return pcm[7];
    }

    @Benchmark
    public int opusEncodeComplexity0() {
        return opus0.encode(wide[frame()], payload);
    }

    @Benchmark
    public int opusEncodeComplexity5() {
        return opus5.encode(wide[frame()], payload);
    }

    @Benchmark
    public int opusEncodeComplexity10() {
        return opus10.encode(wide[frame()], payload);
    }

    @Benchmark
    public int opusDecode() {
        byte[] packet = opusPackets[frame()];
        return opusDecoder.decode(packet, 0, packet.length, pcm);
    }

    @Benchmark
    public short upsample8To16() {
        upsampler.process(narrow[frame()], pcm);
        return pcm[7];
    }

    @Benchmark
    public short downsample16To8() {
        downsampler.process(wide[frame()], narrowOut);
        return narrowOut[7];
    }
}
