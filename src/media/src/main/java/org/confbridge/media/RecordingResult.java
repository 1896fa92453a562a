package org.confbridge.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished recording.
 *
 * @param file the WAV file (8 kHz 16-bit PCM, mono or stereo)
 * @param length audio length
 * @param end why it ended
 * @param speechDetected whether the participant spoke at all (an empty name recording can be refused)
 */
public record RecordingResult(Path file, Duration length, RecordingEnd end, boolean speechDetected) {
}
