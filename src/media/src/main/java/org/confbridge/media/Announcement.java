package org.confbridge.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** One item to play: a built-in prompt, a tone, a sound file, a pause, or raw PCM. */
public sealed interface Announcement {

    /**
     * A built-in voice prompt, loaded from the classpath at {@code /prompts/<name>.wav}
     * (8 kHz mono 16-bit PCM). An unknown name fails the playback ({@link PlaybackOutcome#FAILED}).
     */
    record Prompt(String name) implements Announcement {
        public Prompt {
            if (name == null || !name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("prompt names are lower-case words: " + name);
            }
        }
    }

    /** A generated tone. */
    record ToneItem(Tone tone) implements Announcement {
        public ToneItem {
            Objects.requireNonNull(tone, "tone");
        }
    }

    /** A WAV file (8 kHz mono 16-bit PCM, the format uploads are converted to). */
    record SoundFile(Path path) implements Announcement {
        public SoundFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Silence of a given length. */
    record Pause(Duration length) implements Announcement {
        public Pause {
            if (length.isNegative()) {
                throw new IllegalArgumentException("negative pause");
            }
        }
    }

    /** Raw 16-bit mono samples at 8000 or 16000 Hz (e.g. a name recording held in memory). Copied on creation. */
    record Pcm(short[] samples, int sampleRate) implements Announcement {
        public Pcm {
            samples = samples.clone();
            if (sampleRate != 8000 && sampleRate != 16000) {
                throw new IllegalArgumentException("PCM announcements are 8000 or 16000 Hz, not " + sampleRate);
            }
        }

        /** 8 kHz samples. */
        public Pcm(short[] samples) {
            this(samples, 8000);
        }
    }

    static Announcement prompt(String name) {
        return new Prompt(name);
    }

    static Announcement tone(Tone tone) {
        return new ToneItem(tone);
    }

    static Announcement file(Path path) {
        return new SoundFile(path);
    }

    static Announcement pause(Duration length) {
        return new Pause(length);
    }

    static Announcement pcm(short[] samples) {
        return new Pcm(samples);
    }

    static Announcement pcm(short[] samples, int sampleRate) {
        return new Pcm(samples, sampleRate);
    }
}
