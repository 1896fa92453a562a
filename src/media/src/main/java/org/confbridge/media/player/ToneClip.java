package org.confbridge.media.player;

import org.confbridge.media.Tone;
import org.confbridge.media.codec.AudioFrames;

/**
 * Synthesises a {@link Tone}: each segment one or two sines at about -12 dBFS, with a 5 ms fade
 * in and out so that segment edges do not click.
 */
public final class ToneClip implements Clip {
    private static final double AMPLITUDE = 8000;
    private static final int FADE_SAMPLES = AudioFrames.SAMPLE_RATE / 200;

    private final short[] samples;

    public ToneClip(Tone tone) {
        int total = 0;
        for (Tone.Segment segment : tone.segments()) {
            total += samplesOf(segment);
        }
        samples = new short[total];
        int position = 0;
        for (Tone.Segment segment : tone.segments()) {
            int length = samplesOf(segment);
            synthesise(segment, samples, position, length);
            position += length;
        }
    }

    private static int samplesOf(Tone.Segment segment) {
        return segment.millis() * AudioFrames.SAMPLE_RATE / 1000;
    }

    private static void synthesise(Tone.Segment segment, short[] out, int offset, int length) {
        boolean two = segment.frequency1() > 0 && segment.frequency2() > 0;
        double amplitude = two ? AMPLITUDE / 2 : AMPLITUDE;
        for (int i = 0; i < length; i++) {
            double t = (double) i / AudioFrames.SAMPLE_RATE;
            double value = 0;
            if (segment.frequency1() > 0) {
                value += Math.sin(2 * Math.PI * segment.frequency1() * t);
            }
            if (segment.frequency2() > 0) {
                value += Math.sin(2 * Math.PI * segment.frequency2() * t);
            }
            double fade = Math.min(1.0, Math.min(i, length - 1 - i) / (double) FADE_SAMPLES);
            out[offset + i] = (short) Math.round(value * amplitude * fade);
        }
    }

    @Override
    public short[] pcm() {
        return samples;
    }

    @Override
    public AudioSource open() {
        return new PcmClip(samples).open();
    }
}
