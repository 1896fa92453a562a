package org.confbridge.media.rtp;

import java.util.Arrays;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.G711Codec;

/**
 * Fixed-depth jitter buffer on the RTP timestamp timeline, with packet-loss concealment.
 *
 * <p>Decoded samples are stored at their timestamp in a ring; playout starts {@code depth}
 * samples behind the first packet, so packets that arrive up to that late, or out of order,
 * still land in time. Each {@link #read} takes one 20 ms frame. Working on samples rather than
 * packets lets 10/20/30 ms packetisation feed the same 20 ms clock.
 *
 * <p>A missing frame repeats the last one at half the volume each time, for at most
 * {@value #MAX_CONCEALED_FRAMES} frames (60 ms), then silence: short losses are bridged,
 * a stopped stream is not looped forever.
 *
 * <p>Confined to the mixer thread (not thread-safe).
 */
public final class JitterBuffer {
    /** What {@link #read} produced. */
    public enum FrameKind {
        /** Received audio (possibly with a few missing samples zeroed). */
        AUDIO,
        /** Nothing arrived in time: the last frame repeated, attenuated. */
        CONCEALED,
        /** Nothing to play. */
        SILENCE
    }

    static final int MAX_CONCEALED_FRAMES = 3;
    private static final int RING_FRAMES = 25; // ~512 ms, rounded up to a power of two in samples
    private static final int LATE_PACKETS_BEFORE_RESYNC = 3;
    private static final int BACKLOG_READS = 10;

    private final int frame;         // samples per 20 ms at this buffer's rate
    private final int ringSamples;
    private final int ringMask;
    private final short[] ring;
    private final long[] filled;     // one bit per sample: 1/16 of the ring's size
    private final short[] lastFrame;
    private short[] decoded; // G.711 convenience path only (tests, tools): made on first use, not per leg
    private final int depthSamples;

    private boolean started;
    private int playout;       // RTP timestamp of the next sample to play (wraps like RTP)
    private int writtenEnd;    // one past the newest sample stored
    private int ssrc;
    private boolean haveLastFrame;
    private int concealedInRow;
    private int latePacketsInRow;
    private int backlogReads;

    private long latePackets;
    private long resyncs;
    private long concealedFrames;
    private long discardedFrames;

    /** An 8 kHz buffer that holds back {@code depthFrames} frames (20 ms each) before playing. */
    public JitterBuffer(int depthFrames) {
        this(depthFrames, AudioFrames.FRAME_SAMPLES);
    }

    /** A buffer of frames of {@code frameSamples} (160 at 8 kHz, 320 at 16 kHz) that holds back {@code depthFrames}. */
    public JitterBuffer(int depthFrames, int frameSamples) {
        this.frame = frameSamples;
        this.ringSamples = Integer.highestOneBit(frameSamples * RING_FRAMES - 1) << 1;
        this.ringMask = ringSamples - 1;
        this.ring = new short[ringSamples];
        this.filled = new long[ringSamples / 64];
        this.lastFrame = new short[frame];
        if (depthFrames < 1 || depthFrames * frame > ringSamples / 4) {
            throw new IllegalArgumentException("jitter depth out of range: " + depthFrames);
        }
        this.depthSamples = depthFrames * frame;
    }

    /** Samples in one frame of this buffer. */
    public int frameSamples() {
        return frame;
    }

    /** Stores one G.711 packet's payload, decoding it with {@code codec} (its timestamps count samples). */
    public void put(byte[] payload, int length, long timestamp, int packetSsrc, G711Codec codec) {
        if (decoded == null) {
            decoded = new short[AudioFrames.FRAME_SAMPLES * 16];
        }
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, decoded.length);
            codec.decode(payload, done, n, decoded, 0);
            put(decoded, n, (int) timestamp + done, packetSsrc);
            done += n;
        }
    }

    /**
     * Stores {@code length} decoded samples whose first one sits at {@code position} on the stream's sample
     * timeline (the RTP timestamp scaled to this buffer's rate; wraps like an int).
     */
    public void put(short[] pcm, int length, int position, int packetSsrc) {
        if (length <= 0) {
            return;
        }
        int ts = position;
        if (!started || packetSsrc != ssrc) {
            resync(ts, packetSsrc);
        }
        int offset = ts - playout;
        if (offset < 0) {
            if (++latePacketsInRow >= LATE_PACKETS_BEFORE_RESYNC || offset < -ringSamples) {
                // The sender's timeline moved backwards or runs slow: follow it rather than drop everything.
                resync(ts, packetSsrc);
                offset = ts - playout;
            } else {
                latePackets++;
                return;
            }
        }
        if (offset + length > ringSamples - frame) {
            // Timestamp jump (new talk spurt after a long pause, or a reset): restart the timeline.
            resync(ts, packetSsrc);
            offset = ts - playout;
        }
        latePacketsInRow = 0;
        // Copy into place in at most two pieces where the ring wraps, and mark the samples present a word at a time.
        int index = ts & ringMask;
        int first = Math.min(length, ringSamples - index);
        System.arraycopy(pcm, 0, ring, index, first);
        setRange(index, first);
        if (first < length) {
            System.arraycopy(pcm, first, ring, 0, length - first);
            setRange(0, length - first);
        }
        if (ts + length - writtenEnd > 0) {
            writtenEnd = ts + length;
        }
    }

    /** Plays the next 20 ms into {@code out} ({@link #frameSamples()} samples). */
    public FrameKind read(short[] out) {
        if (!started) {
            Arrays.fill(out, 0, frame, (short) 0);
            return FrameKind.SILENCE;
        }
        dropBacklog();
        int index = playout & ringMask;
        int first = Math.min(frame, ringSamples - index);
        int got;
        if (allSet(index, first) && (first == frame || allSet(0, frame - first))) {
            // The usual case: the whole frame arrived. Copy it out and free its slots in bulk.
            System.arraycopy(ring, index, out, 0, first);
            clearRange(index, first);
            if (first < frame) {
                System.arraycopy(ring, 0, out, first, frame - first);
                clearRange(0, frame - first);
            }
            got = frame;
        } else {
            got = readSampleBySample(out);
        }
        playout += frame;
        if (got > 0) {
            System.arraycopy(out, 0, lastFrame, 0, frame);
            haveLastFrame = true;
            concealedInRow = 0;
            return FrameKind.AUDIO;
        }
        if (haveLastFrame && concealedInRow < MAX_CONCEALED_FRAMES) {
            concealedInRow++;
            int shift = concealedInRow; // half, quarter, eighth of the last good frame
            for (int i = 0; i < frame; i++) {
                out[i] = (short) (lastFrame[i] >> shift);
            }
            concealedFrames++;
            return FrameKind.CONCEALED;
        }
        haveLastFrame = false;
        return FrameKind.SILENCE;
    }

    /** A frame with gaps: present samples are copied, missing ones are zero. Returns how many were present. */
    private int readSampleBySample(short[] out) {
        int got = 0;
        for (int i = 0; i < frame; i++) {
            int index = (playout + i) & ringMask;
            long bit = 1L << index;
            if ((filled[index >>> 6] & bit) != 0) {
                out[i] = ring[index];
                filled[index >>> 6] &= ~bit;
                got++;
            } else {
                out[i] = 0;
            }
        }
        return got;
    }

    /** Mask of the bits {@code from..to} (inclusive, 0..63) of one word. */
    private static long mask(int from, int to) {
        return (-1L << from) & (-1L >>> (63 - to));
    }

    /** Marks samples {@code from .. from + length - 1} present (no wrap: {@code from + length <= ringSamples}). */
    private void setRange(int from, int length) {
        int last = from + length - 1;
        int w0 = from >>> 6;
        int w1 = last >>> 6;
        if (w0 == w1) {
            filled[w0] |= mask(from & 63, last & 63);
            return;
        }
        filled[w0] |= mask(from & 63, 63);
        for (int w = w0 + 1; w < w1; w++) {
            filled[w] = -1L;
        }
        filled[w1] |= mask(0, last & 63);
    }

    /** Marks samples {@code from .. from + length - 1} absent (no wrap). */
    private void clearRange(int from, int length) {
        int last = from + length - 1;
        int w0 = from >>> 6;
        int w1 = last >>> 6;
        if (w0 == w1) {
            filled[w0] &= ~mask(from & 63, last & 63);
            return;
        }
        filled[w0] &= ~mask(from & 63, 63);
        for (int w = w0 + 1; w < w1; w++) {
            filled[w] = 0L;
        }
        filled[w1] &= ~mask(0, last & 63);
    }

    /** True if every sample {@code from .. from + length - 1} is present (no wrap). */
    private boolean allSet(int from, int length) {
        int last = from + length - 1;
        int w0 = from >>> 6;
        int w1 = last >>> 6;
        if (w0 == w1) {
            long m = mask(from & 63, last & 63);
            return (filled[w0] & m) == m;
        }
        long m0 = mask(from & 63, 63);
        if ((filled[w0] & m0) != m0) {
            return false;
        }
        for (int w = w0 + 1; w < w1; w++) {
            if (filled[w] != -1L) {
                return false;
            }
        }
        long m1 = mask(0, last & 63);
        return (filled[w1] & m1) == m1;
    }

    /**
     * If the sender's clock runs faster than ours, or a burst after a network stall left audio
     * piled up, the extra delay would stay for the rest of the call. While more than three frames
     * beyond the target depth stay buffered for {@value #BACKLOG_READS} reads in a row, drop the
     * oldest frame; a short burst that the playout absorbs is left alone.
     */
    private void dropBacklog() {
        if (writtenEnd - playout <= depthSamples + 3 * frame) {
            backlogReads = 0;
            return;
        }
        if (++backlogReads < BACKLOG_READS) {
            return;
        }
        backlogReads = 0;
        int index = playout & ringMask;
        int first = Math.min(frame, ringSamples - index);
        clearRange(index, first);
        if (first < frame) {
            clearRange(0, frame - first);
        }
        playout += frame;
        discardedFrames++;
    }

    private void resync(int ts, int newSsrc) {
        if (started) {
            resyncs++;
        }
        Arrays.fill(filled, 0L);
        started = true;
        ssrc = newSsrc;
        playout = ts - depthSamples;
        writtenEnd = ts;
        latePacketsInRow = 0;
    }

    /** Packets that arrived after their time had been played. */
    public long latePackets() {
        return latePackets;
    }

    /** Times the timeline restarted (SSRC change, timestamp jump). */
    public long resyncs() {
        return resyncs;
    }

    /** Frames filled by concealment. */
    public long concealedFrames() {
        return concealedFrames;
    }

    /** Frames thrown away to bound the delay. */
    public long discardedFrames() {
        return discardedFrames;
    }
}
