package org.confbridge.media.player;

import org.confbridge.media.codec.AudioFrames;

/** A clip of 8 kHz 16-bit samples held in memory (a decoded WAV file or prompt, or a pause). */
public final class PcmClip implements Clip {
    private final short[] samples;

    /** Wraps {@code samples} without copying: the caller must not modify them afterwards. */
    public PcmClip(short[] samples) {
        this.samples = samples;
    }

    /** Silence of the given length. */
    public static PcmClip silence(long millis) {
        return new PcmClip(new short[(int) (millis * AudioFrames.SAMPLE_RATE / 1000)]);
    }

    @Override
    public short[] pcm() {
        return samples;
    }

    public int length() {
        return samples.length;
    }

    @Override
    public AudioSource open() {
        return new AudioSource() {
            private int position;

            @Override
            public boolean read(short[] frame) {
                if (position >= samples.length) {
                    return false;
                }
                int count = Math.min(AudioFrames.FRAME_SAMPLES, samples.length - position);
                System.arraycopy(samples, position, frame, 0, count);
                for (int i = count; i < AudioFrames.FRAME_SAMPLES; i++) {
                    frame[i] = 0;
                }
                position += count;
                return true;
            }
        };
    }
}
