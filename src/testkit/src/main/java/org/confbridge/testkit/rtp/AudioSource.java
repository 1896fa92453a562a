package org.confbridge.testkit.rtp;

import org.confbridge.testkit.audio.ToneAnalysis;

/**
 * What a test phone says: fills one frame of 8 kHz PCM per call. Implementations may keep state
 * (phase, read position); one instance is used by one sender thread only.
 */
public interface AudioSource {

    /** Fills {@code frame} with the next samples. */
    void fill(short[] frame);

    /** Digital silence. */
    static AudioSource silence() {
        return frame -> java.util.Arrays.fill(frame, (short) 0);
    }

    /** A continuous sine (phase kept across frames) at {@code freqHz} and peak level {@code dbfs}. */
    static AudioSource tone(double freqHz, double dbfs) {
        return tones(dbfs, freqHz);
    }

    /** The sum of several sines, each at peak level {@code dbfs} (e.g. a DTMF pair for in-band tests). */
    static AudioSource tones(double dbfs, double... freqsHz) {
        if (freqsHz.length == 0) {
            throw new IllegalArgumentException("at least one frequency");
        }
        for (double f : freqsHz) {
            if (f <= 0 || f >= 4000) {
                throw new IllegalArgumentException("frequency " + f + " Hz outside (0, 4000) Hz at 8 kHz");
            }
        }
        double amplitude = ToneAnalysis.fromDbfs(dbfs);
        if (amplitude * freqsHz.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(dbfs + " dBFS x " + freqsHz.length + " tones would clip");
        }
        double[] step = new double[freqsHz.length];
        for (int i = 0; i < step.length; i++) {
            step[i] = 2 * Math.PI * freqsHz[i] / 8000;
        }
        return new AudioSource() {
            private long sampleIndex;

            @Override
            public void fill(short[] frame) {
                for (int i = 0; i < frame.length; i++, sampleIndex++) {
                    double v = 0;
                    for (double s : step) {
                        v += Math.sin(s * sampleIndex);
                    }
                    frame[i] = (short) Math.round(amplitude * v);
                }
            }
        };
    }

    /** An 8 kHz mono WAV file (PCM or G.711), once (then silence) or looped. */
    static AudioSource wav(java.nio.file.Path file, boolean loop) {
        org.confbridge.testkit.audio.AudioClip clip = org.confbridge.testkit.audio.WavFiles.readMono(file);
        if (clip.sampleRate() != 8000) {
            throw new IllegalArgumentException(file + " is " + clip.sampleRate() + " Hz; the phone sends 8000 Hz");
        }
        return pcm(clip.samples(), loop);
    }

    /** The given 8 kHz PCM, once (then silence) or looped. */
    static AudioSource pcm(short[] samples, boolean loop) {
        short[] copy = samples.clone();
        return new AudioSource() {
            private int position;

            @Override
            public void fill(short[] frame) {
                for (int i = 0; i < frame.length; i++) {
                    if (position >= copy.length) {
                        if (!loop || copy.length == 0) {
                            frame[i] = 0;
                            continue;
                        }
                        position = 0;
                    }
                    frame[i] = copy[position++];
                }
            }
        };
    }
}
