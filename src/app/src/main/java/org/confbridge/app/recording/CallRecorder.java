package org.confbridge.app.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.RecordingResult;

/**
 * Starts the recording of an invited participant's call for the live registry (under its lock: only
 * a directory check, one metadata insert, and the media engine's non-blocking {@code record}).
 * The WAV is stereo: left what the invited person says, right what they hear. It ends when the leg
 * closes (hang-up either way) or at the configured maximum length.
 *
 * <p>A directory that cannot be created or written, or a write failure later (disk full), leaves the
 * call alone: the recording is stored as failed with the reason, and logged.
 */
public final class CallRecorder {

    private static final Logger LOG = Logger.getLogger(CallRecorder.class.getName());
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final RecordingService recordings;
    private final Path directory;
    private final Duration maxLength;

    /**
     * @param recordings the metadata service (the EJB proxy: its end-of-recording methods are asynchronous)
     * @param directory  {@code <data dir>/recordings}
     * @param maxLength  a recording stops after this long even if the call goes on
     */
    public CallRecorder(RecordingService recordings, Path directory, Duration maxLength) {
        this.recordings = recordings;
        this.directory = directory;
        this.maxLength = maxLength;
    }

    /** Told how a recording goes (on the recorder's threads; must not block). */
    public interface Listener {
        void started(long recordingId);

        void finished(long recordingId, long millis);

        /** {@code recordingId} null when not even the metadata could be stored. */
        void failed(Long recordingId, String reason);

        Listener NONE = new Listener() {
            @Override
            public void started(long recordingId) {
            }

            @Override
            public void finished(long recordingId, long millis) {
            }

            @Override
            public void failed(Long recordingId, String reason) {
            }
        };
    }

    /** With the published settings: {@code data.dir} and {@code recording.max.minutes} (default 240). */
    public static CallRecorder fromSystemProperties(RecordingService recordings) {
        String minutes = System.getProperty("confbridge.recording.max.minutes", "240").trim();
        long max;
        try {
            max = Long.parseLong(minutes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("recording.max.minutes must be a whole number, got '" + minutes + "'", e);
        }
        if (max < 1) {
            throw new IllegalArgumentException("recording.max.minutes must be at least 1, got " + max);
        }
        return new CallRecorder(recordings, recordingDirectory(), Duration.ofMinutes(max));
    }

    /**
     * {@code confbridge.recordings.dir} (default {@code <data.dir>/recordings}), absolute. In a cluster it
     * is shared storage, so any node serves any recording: each node then writes under its own node id,
     * so that a node's start-up clean-up ({@link InterruptedRecordings}) never touches another's.
     */
    static Path recordingDirectory() {
        String shared = System.getProperty("confbridge.recordings.dir");
        Path root = shared == null || shared.isBlank()
                ? Path.of(System.getProperty("confbridge.data.dir", "./data")).resolve("recordings")
                : Path.of(shared);
        if (Boolean.parseBoolean(System.getProperty("confbridge.cluster.enabled"))
                && System.getProperty("confbridge.node.id") != null) {
            root = root.resolve(System.getProperty("confbridge.node.id").replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return root.toAbsolutePath().normalize();
    }

    /**
     * Starts recording {@code leg}.
     *
     * @param inviter number or name of who invited, null for an invite over REST
     */
    public void start(long extensionId, MediaLeg leg, String number, String inviter, Instant now) {
        start(extensionId, leg, number, inviter, now, Listener.NONE);
    }

    /** Starts recording {@code leg}; {@code listener} hears how it goes. */
    public void start(long extensionId, MediaLeg leg, String number, String inviter, Instant now, Listener listener) {
        Path folder = directory.resolve("conference-" + extensionId);
        Path file = folder.resolve(FILE_TIME.format(now) + "-" + number + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".wav");
        String problem = prepare(folder);
        long id;
        try {
            id = recordings.started(extensionId, number, inviter, now, file, problem);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording metadata of " + number + " in conference " + extensionId
                    + " could not be stored; the call is not recorded", e);
            listener.failed(null, "the recording could not be stored: " + e.getMessage());
            return;
        }
        if (problem != null) {
            LOG.warning(() -> "recording " + id + " of " + number + " failed: " + problem);
            listener.failed(id, problem);
            return;
        }
        listener.started(id);
        leg.record(file, RecordingOptions.leg(true, maxLength)).completion()
                .whenComplete((result, error) -> ended(id, file, result, error, listener));
    }

    /** Null when the folder is there and writable, else why not. */
    private static String prepare(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            return "cannot create the recording directory " + folder + ": " + e;
        }
        if (!Files.isWritable(folder)) {
            return "the recording directory " + folder + " is not writable";
        }
        return null;
    }

    /** On the media event thread: only hands the outcome to the asynchronous metadata service. */
    private void ended(long id, Path file, RecordingResult result, Throwable error, Listener listener) {
        if (error == null && result != null && result.end() != RecordingEnd.FAILED) {
            recordings.completed(id, result.length().toMillis());
            listener.finished(id, result.length().toMillis());
            return;
        }
        String reason = error != null ? "recording failed: " + error
                : "the recording could not be written to " + file.getParent()
                        + " (disk full or not writable); see the server log";
        LOG.warning(() -> "recording " + id + ": " + reason);
        try {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not remove the partial recording of " + id, e);
        }
        recordings.failed(id, reason);
        listener.failed(id, reason);
    }
}
