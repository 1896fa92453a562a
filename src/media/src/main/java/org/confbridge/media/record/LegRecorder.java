package org.confbridge.media.record;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.RecordingResult;
import org.confbridge.media.codec.AudioFrames;

/**
 * Records one leg. {@link #onFrame} and {@link #finish} run on the mixer thread and only copy
 * samples into one-second chunks; writing the chunks to {@code <file>.part} and turning that into
 * the final WAV happen on the I/O executor, in order (it must be sequential, e.g. single-threaded).
 */
public final class LegRecorder {
    private static final Logger LOG = Logger.getLogger(LegRecorder.class.getName());
    private static final int FRAMES_PER_CHUNK = 50;

    private final Path file;
    private final Path part;
    private final RecordingOptions options;
    private final double speechThreshold;
    private final Executor io;
    private final Consumer<RecordingResult> onDone;
    private final int channels;
    private final int sampleRate;
    private final int frameSamples;
    private final long maxFrames;
    private final int silenceFrames;

    // mixer thread
    private byte[] chunk;
    private int chunkFill;
    private long frames;
    private boolean spoke;
    private int quietFrames;
    private boolean finished;

    // I/O thread
    private OutputStream partOut;
    private boolean failed;

    /**
     * @param speechThreshold mean energy per sample that counts as speech (for the silence rule)
     * @param onDone called once on the I/O thread with the finished file
     */
    public LegRecorder(Path file, RecordingOptions options, double speechThreshold, Executor io,
            Consumer<RecordingResult> onDone) {
        this(file, options, AudioFrames.SAMPLE_RATE, speechThreshold, io, onDone);
    }

    /** @param sampleRate rate of the frames {@link #onFrame} gets, and of the file (8000, or 16000 for a wideband leg) */
    public LegRecorder(Path file, RecordingOptions options, int sampleRate, double speechThreshold, Executor io,
            Consumer<RecordingResult> onDone) {
        this.sampleRate = sampleRate;
        this.frameSamples = AudioFrames.frameSamples(sampleRate);
        this.file = file;
        this.part = file.resolveSibling(file.getFileName() + ".part");
        this.options = options;
        this.speechThreshold = speechThreshold;
        this.io = io;
        this.onDone = onDone;
        this.channels = options.stereo() ? 2 : 1;
        this.maxFrames = Math.max(1, options.maxLength().toMillis() / AudioFrames.FRAME_MILLIS);
        this.silenceFrames = options.endOnSilence() == null ? -1
                : (int) Math.max(1, options.endOnSilence().toMillis() / AudioFrames.FRAME_MILLIS);
        this.chunk = newChunk();
    }

    /** True if {@code #} ends this recording. */
    public boolean endsOnHash() {
        return options.endOnHash();
    }

    /**
     * Mixer thread: appends one frame.
     *
     * @param says what the participant said this tick
     * @param hears what the participant heard this tick (used in stereo only)
     * @return why the recording must end now, or null to go on
     */
    public RecordingEnd onFrame(short[] says, short[] hears) {
        if (finished) {
            return null;
        }
        int n = frameSamples;
        for (int i = 0; i < n; i++) {
            put(says[i]);
            if (channels == 2) {
                put(hears[i]);
            }
        }
        frames++;
        if (chunkFill == chunk.length) {
            flushChunk();
        }
        if (AudioFrames.meanEnergy(says, n) > speechThreshold) {
            spoke = true;
            quietFrames = 0;
        } else if (spoke) {
            quietFrames++;
        }
        if (frames >= maxFrames) {
            return RecordingEnd.MAX_LENGTH;
        }
        if (silenceFrames > 0 && spoke && quietFrames >= silenceFrames) {
            return RecordingEnd.SILENCE;
        }
        return null;
    }

    private void put(short sample) {
        chunk[chunkFill++] = (byte) sample;
        chunk[chunkFill++] = (byte) (sample >> 8);
    }

    /** Mixer thread: ends the recording; the file is written and {@code onDone} called on the I/O thread. */
    public void finish(RecordingEnd reason) {
        if (finished) {
            return;
        }
        finished = true;
        flushChunk();
        long totalFrames = frames;
        boolean speech = spoke;
        io.execute(() -> onDone.accept(complete(reason, totalFrames, speech)));
    }

    private void flushChunk() {
        if (chunkFill == 0) {
            return;
        }
        byte[] full = chunk;
        int length = chunkFill;
        chunk = newChunk();
        chunkFill = 0;
        io.execute(() -> append(full, length));
    }

    private byte[] newChunk() {
        return new byte[FRAMES_PER_CHUNK * frameSamples * 2 * channels];
    }

    private void append(byte[] data, int length) {
        if (failed) {
            return;
        }
        try {
            if (partOut == null) {
                partOut = Files.newOutputStream(part);
            }
            partOut.write(data, 0, length);
        } catch (IOException e) {
            failed = true;
            LOG.log(Level.WARNING, "cannot write recording " + part, e);
        }
    }

    private RecordingResult complete(RecordingEnd reason, long totalFrames, boolean speech) {
        Duration length = Duration.ofMillis(totalFrames * AudioFrames.FRAME_MILLIS);
        try {
            if (partOut == null && !failed) {
                partOut = Files.newOutputStream(part); // nothing recorded: still produce a valid empty WAV
            }
            if (partOut != null) {
                partOut.close();
            }
            if (failed) {
                return new RecordingResult(file, length, RecordingEnd.FAILED, speech);
            }
            AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
            long sampleFrames = Files.size(part) / format.getFrameSize();
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(part));
                    AudioInputStream audio = new AudioInputStream(raw, format, sampleFrames)) {
                AudioSystem.write(audio, AudioFileFormat.Type.WAVE, file.toFile());
            }
            Files.deleteIfExists(part);
            return new RecordingResult(file, length, reason, speech);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot finish recording " + file, e);
            return new RecordingResult(file, length, RecordingEnd.FAILED, speech);
        }
    }
}
