package org.confbridge.media.player;

import org.confbridge.media.codec.AudioFrames;

/**
 * A clip of 16-bit mono samples (a decoded WAV file or prompt, or a pause), kept at 8 and 16 kHz. The rate it
 * was made at is kept as it is; the other one is converted once, here, with a proper low-pass filter, so the
 * mixer never converts a prompt per tick.
 */
public final class PcmClip implements Clip {
    private final short[] narrowband;
    private final short[] wideband;

    /** Wraps {@code samples} at {@code rate} (8000 or 16000) without copying: the caller must not modify them afterwards. */
    public PcmClip(short[] samples, int rate) {
        if (rate == AudioFrames.SAMPLE_RATE) {
            narrowband = samples;
            wideband = Rates.upsample(samples);
        } else if (rate == AudioFrames.WIDEBAND_SAMPLE_RATE) {
            wideband = samples;
            narrowband = Rates.downsample(samples);
        } else {
            throw new IllegalArgumentException("clips are 8000 or 16000 Hz, not " + rate);
        }
    }

    /** 8 kHz samples. */
    public PcmClip(short[] samples) {
        this(samples, AudioFrames.SAMPLE_RATE);
    }

    /** Silence of the given length. */
    public static PcmClip silence(long millis) {
        return new PcmClip(new short[(int) (millis * AudioFrames.SAMPLE_RATE / 1000)]);
    }

    @Override
    public short[] pcm(int rate) {
        return rate == AudioFrames.WIDEBAND_SAMPLE_RATE ? wideband : narrowband;
    }

    /** Length in 8 kHz samples. */
    public int length() {
        return narrowband.length;
    }
}
