package org.confbridge.testkit.rtp;

import org.confbridge.testkit.audio.ToneAnalysis;

/**
 * What a test phone says: fills one 20 ms frame of PCM per call. Implementations may keep state (phase, read
 * position); one instance is used by one sender thread only.
 *
 * <p>{@link #fill(short[])} makes 8 kHz audio: a lambda source is a narrowband source. A source that can make its
 * audio at other rates (the tones at any rate, PCM at its own) says so with {@link #makes(int)} and is then asked
 * for frames at the rate of the negotiated codec (16 kHz for G.722 and Opus); the phone converts the others.
 */
public interface AudioSource {

    /** Fills {@code frame} with the next 8 kHz samples. */
    void fill(short[] frame);

    /** True when this source can make its audio at {@code sampleRate} itself; by default only 8000. */
    default boolean makes(int sampleRate) {
        return sampleRate == 8000;
    }

    /** Fills {@code frame} with the next samples at {@code sampleRate}; only called when {@link #makes} it. */
    default void fill(short[] frame, int sampleRate) {
        if (sampleRate != 8000) {
            throw new UnsupportedOperationException("this source makes 8 kHz audio only, not " + sampleRate + " Hz");
        }
        fill(frame);
    }

    /** Digital silence, at any rate. */
    static AudioSource silence() {
        return new AudioSource() {
            @Override
            public void fill(short[] frame) {
                java.util.Arrays.fill(frame, (short) 0);
            }

            @Override
            public boolean makes(int sampleRate) {
                return true;
            }

            @Override
            public void fill(short[] frame, int sampleRate) {
                fill(frame);
            }
        };
    }

    /**
     * A continuous sine (phase kept across frames) at {@code freqHz} below 8000 Hz and peak level {@code dbfs}.
     * A tone above the codec's band (4 kHz and up on a G.711 call) is not sent: that frame is silent.
     */
    static AudioSource tone(double freqHz, double dbfs) {
        return tones(dbfs, freqHz);
    }

    /**
     * The sum of several sines, each at peak level {@code dbfs} (e.g. a DTMF pair for in-band tests), made at
     * whatever rate the call's codec needs; components at or above half that rate are left out.
     */
    static AudioSource tones(double dbfs, double... freqsHz) {
        if (freqsHz.length == 0) {
            throw new IllegalArgumentException("at least one frequency");
        }
        for (double f : freqsHz) {
            if (f <= 0 || f >= 8000) {
                throw new IllegalArgumentException("frequency " + f + " Hz outside (0, 8000) Hz (16 kHz at most)");
            }
        }
        double amplitude = ToneAnalysis.fromDbfs(dbfs);
        if (amplitude * freqsHz.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(dbfs + " dBFS x " + freqsHz.length + " tones would clip");
        }
        double[] frequencies = freqsHz.clone();
        return new AudioSource() {
            /** Phase of each sine in cycles (0..1): kept across frames and across a change of rate. */
            private final double[] phase = new double[frequencies.length];

            @Override
            public void fill(short[] frame) {
                fill(frame, 8000);
            }

            @Override
            public boolean makes(int sampleRate) {
                return sampleRate > 0;
            }

            @Override
            public void fill(short[] frame, int sampleRate) {
                for (int i = 0; i < frame.length; i++) {
                    double v = 0;
                    for (int k = 0; k < frequencies.length; k++) {
                        if (2 * frequencies[k] < sampleRate) {
                            v += Math.sin(2 * Math.PI * (phase[k] + frequencies[k] * i / sampleRate));
                        }
                    }
                    frame[i] = (short) Math.round(amplitude * v);
                }
                for (int k = 0; k < frequencies.length; k++) {
                    // a component above the band is not sent, but its time passes all the same
                    phase[k] = (phase[k] + frequencies[k] * frame.length / sampleRate) % 1.0;
                }
            }
        };
    }

    /** A mono WAV file (PCM or G.711) at 8 or 16 kHz, once (then silence) or looped. */
    static AudioSource wav(java.nio.file.Path file, boolean loop) {
        org.confbridge.testkit.audio.AudioClip clip = org.confbridge.testkit.audio.WavFiles.readMono(file);
        if (clip.sampleRate() != 8000 && clip.sampleRate() != 16000) {
            throw new IllegalArgumentException(file + " is " + clip.sampleRate() + " Hz; the phone sends 8000 or 16000 Hz");
        }
        return pcm(clip.samples(), clip.sampleRate(), loop);
    }

    /** The given 8 kHz PCM, once (then silence) or looped. */
    static AudioSource pcm(short[] samples, boolean loop) {
        return pcm(samples, 8000, loop);
    }

    /** The given PCM at {@code sampleRate} (8000 or 16000), once (then silence) or looped. */
    static AudioSource pcm(short[] samples, int sampleRate, boolean loop) {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("the phone sends 8000 or 16000 Hz PCM, not " + sampleRate);
        }
        short[] copy = samples.clone();
        return new AudioSource() {
            private int position;

            @Override
            public void fill(short[] frame) {
                if (sampleRate != 8000) {
                    throw new UnsupportedOperationException("16 kHz PCM: the phone asks for fill(frame, 16000)");
                }
                fill(frame, 8000);
            }

            @Override
            public boolean makes(int rate) {
                return rate == sampleRate;
            }

            @Override
            public void fill(short[] frame, int rate) {
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
