package org.confbridge.testkit.rtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.confbridge.testkit.audio.AudioClip;

/**
 * The timeline of decoded audio frames a test phone received, each with its arrival time, and the
 * questions tests ask of it. Windows are by arrival time ("the last 500 ms heard"); samples are
 * concatenated in arrival order, so a window of N ms holds about N ms of audio when packets flow.
 *
 * <p>Each frame keeps the sample rate of the codec it came in: 8 kHz for G.711, 16 kHz for G.722 and Opus. A
 * clip is at the highest rate among its frames (8 kHz frames in a 16 kHz clip, after a codec change, are
 * interpolated), so on a wideband call tones up to 8 kHz can be measured.
 *
 * <p>Levels are dBFS (see {@link org.confbridge.testkit.audio.ToneAnalysis}). The await methods poll
 * every 20 ms over a sliding {@link #DETECTION_WINDOW}.
 */
public final class ReceivedAudio {

    /** The window the await methods measure over: long enough to separate tones 100 Hz apart. */
    public static final Duration DETECTION_WINDOW = Duration.ofMillis(200);

    private static final int NARROWBAND_RATE = 8000;
    private static final long POLL_MILLIS = 20;

    /** One decoded RTP audio packet. */
    public static final class Frame {
        private final long arrivalNanos;
        private final int sequence;
        private final long timestamp;
        private final int payloadType;
        private final short[] samples;
        private final int sampleRate;

        Frame(long arrivalNanos, int sequence, long timestamp, int payloadType, short[] samples) {
            this(arrivalNanos, sequence, timestamp, payloadType, samples, NARROWBAND_RATE);
        }

        Frame(long arrivalNanos, int sequence, long timestamp, int payloadType, short[] samples, int sampleRate) {
            this.arrivalNanos = arrivalNanos;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.payloadType = payloadType;
            this.samples = samples;
            this.sampleRate = sampleRate;
        }

        public long arrivalNanos() {
            return arrivalNanos;
        }

        public int sequence() {
            return sequence;
        }

        public long timestamp() {
            return timestamp;
        }

        public int payloadType() {
            return payloadType;
        }

        public int sampleCount() {
            return samples.length;
        }

        /** The rate of this frame's samples (the codec's audio rate). */
        public int sampleRate() {
            return sampleRate;
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    synchronized void add(Frame frame) {
        frames.add(frame);
    }

    /** Now, as a mark for {@link #since} and {@link #between}. */
    public AudioMark mark() {
        return AudioMark.now();
    }

    public synchronized int frameCount() {
        return frames.size();
    }

    /** Sample rate of the last frame received (8000 before any). */
    public synchronized int sampleRate() {
        return frames.isEmpty() ? NARROWBAND_RATE : frames.get(frames.size() - 1).sampleRate;
    }

    /** A snapshot of all frames received so far. */
    public synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Everything received. */
    public AudioClip all() {
        return clip(f -> true);
    }

    /** Audio that arrived in the last {@code window}. */
    public AudioClip last(Duration window) {
        long from = System.nanoTime() - window.toNanos();
        return clip(f -> f.arrivalNanos >= from);
    }

    public AudioClip since(AudioMark mark) {
        return clip(f -> f.arrivalNanos >= mark.nanoTime());
    }

    public AudioClip between(AudioMark from, AudioMark to) {
        return clip(f -> f.arrivalNanos >= from.nanoTime() && f.arrivalNanos < to.nanoTime());
    }

    /** Level in dBFS of the tone at {@code freqHz} in the last {@code window}. */
    public double toneLevel(double freqHz, Duration window) {
        return last(window).toneLevelDbfs(freqHz);
    }

    /** Share (0..1) of the power of the last {@code window} carried by the tone at {@code freqHz}. */
    public double toneRatio(double freqHz, Duration window) {
        return last(window).toneRatio(freqHz);
    }

    /** RMS in sample units over the last {@code window}. */
    public double rms(Duration window) {
        return last(window).rms();
    }

    /** RMS in dBFS over the last {@code window}. */
    public double rmsDbfs(Duration window) {
        return last(window).rmsDbfs();
    }

    /** Waits until the tone at {@code freqHz} is at least {@code minDbfs}; true if it came in time. */
    public boolean awaitTone(double freqHz, double minDbfs, Duration timeout) throws InterruptedException {
        return awaitCondition(timeout, () -> fullWindow() && toneLevel(freqHz, DETECTION_WINDOW) >= minDbfs);
    }

    /** Waits until the tone at {@code freqHz} is below {@code maxDbfs} over a full detection window. */
    public boolean awaitNoTone(double freqHz, double maxDbfs, Duration timeout) throws InterruptedException {
        return awaitCondition(timeout, () -> fullWindow() && toneLevel(freqHz, DETECTION_WINDOW) < maxDbfs);
    }

    /**
     * Waits until the received audio is quieter than {@code maxDbfs} RMS over a full detection window of
     * received frames (no packets at all does not count as silence: it is "nothing received").
     */
    public boolean awaitSilence(double maxDbfs, Duration timeout) throws InterruptedException {
        return awaitCondition(timeout, () -> fullWindow() && rmsDbfs(DETECTION_WINDOW) < maxDbfs);
    }

    /** True if the tone reached {@code minDbfs} in some 200 ms window of the audio between the marks. */
    public boolean hearsToneBetween(double freqHz, double minDbfs, AudioMark from, AudioMark to) {
        return between(from, to).containsTone(freqHz, minDbfs, DETECTION_WINDOW);
    }

    /** Saves everything received as a mono WAV file (8 or 16 kHz), for looking at a failing test. */
    public void writeWav(Path file) {
        all().writeWav(file);
    }

    /** Arrival times (System.nanoTime) of all frames, to measure the sender's pacing. */
    public synchronized long[] arrivalTimes() {
        return frames.stream().mapToLong(f -> f.arrivalNanos).toArray();
    }

    private boolean fullWindow() {
        // at least 3/4 of the window's frames arrived: don't judge on a couple of packets
        AudioClip window = last(DETECTION_WINDOW);
        return window.length() >= window.sampleRate() * DETECTION_WINDOW.toMillis() * 3 / 4000;
    }

    private synchronized AudioClip clip(Predicate<Frame> include) {
        int rate = NARROWBAND_RATE;
        for (Frame f : frames) {
            if (include.test(f)) {
                rate = Math.max(rate, f.sampleRate);
            }
        }
        int total = 0;
        for (Frame f : frames) {
            if (include.test(f)) {
                total += f.samples.length * (rate / f.sampleRate);
            }
        }
        short[] out = new short[total];
        int at = 0;
        for (Frame f : frames) {
            if (!include.test(f)) {
                continue;
            }
            if (f.sampleRate == rate) {
                System.arraycopy(f.samples, 0, out, at, f.samples.length);
                at += f.samples.length;
            } else {
                at = interpolate(f.samples, rate / f.sampleRate, out, at);
            }
        }
        return new AudioClip(out, rate);
    }

    /** Linear interpolation by an integer factor: good enough to keep a narrowband stretch on the timeline. */
    private static int interpolate(short[] in, int factor, short[] out, int at) {
        for (int i = 0; i < in.length; i++) {
            int next = i + 1 < in.length ? in[i + 1] : in[i];
            for (int k = 0; k < factor; k++) {
                out[at++] = (short) (in[i] + (next - in[i]) * k / factor);
            }
        }
        return at;
    }

    private interface Condition {
        boolean holds();
    }

    private static boolean awaitCondition(Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.holds()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
