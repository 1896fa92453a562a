package org.confbridge.media.player;

import org.confbridge.media.Tone;
import org.confbridge.media.codec.AudioFrames;

/**
 * Synthesises a {@link Tone}: each segment one or two sines at about -12 dBFS, with a 5 ms fade
 * in and out so that segment edges do not click.
 */
public final class ToneClip implements Clip {
    private static final double AMPLITUDE = 8000;

    private final short[] narrowband;
    private final short[] wideband;

    public ToneClip(Tone tone) {
        narrowband = synthesise(tone, AudioFrames.SAMPLE_RATE);
        wideband = synthesise(tone, AudioFrames.WIDEBAND_SAMPLE_RATE);
    }

    /** Synthesised at each rate rather than converted: a sine needs no filter. */
    private static short[] synthesise(Tone tone, int rate) {
        int total = 0;
        for (Tone.Segment segment : tone.segments()) {
            total += segment.millis() * rate / 1000;
        }
        short[] samples = new short[total];
        int position = 0;
        for (Tone.Segment segment : tone.segments()) {
            int length = segment.millis() * rate / 1000;
            synthesise(segment, rate, samples, position, length);
            position += length;
        }
        return samples;
    }

    private static void synthesise(Tone.Segment segment, int rate, short[] out, int offset, int length) {
        boolean two = segment.frequency1() > 0 && segment.frequency2() > 0;
        double amplitude = two ? AMPLITUDE / 2 : AMPLITUDE;
        double fadeSamples = rate / 200.0; // 5 ms
        for (int i = 0; i < length; i++) {
            double t = (double) i / rate;
            double value = 0;
            if (segment.frequency1() > 0) {
                value += Math.sin(2 * Math.PI * segment.frequency1() * t);
            }
            if (segment.frequency2() > 0) {
                value += Math.sin(2 * Math.PI * segment.frequency2() * t);
            }
            double fade = Math.min(1.0, Math.min(i, length - 1 - i) / fadeSamples);
            out[offset + i] = (short) Math.round(value * amplitude * fade);
        }
    }

    @Override
    public short[] pcm(int rate) {
        return rate == AudioFrames.WIDEBAND_SAMPLE_RATE ? wideband : narrowband;
    }
}
