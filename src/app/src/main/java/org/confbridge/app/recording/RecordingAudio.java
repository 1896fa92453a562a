package org.confbridge.app.recording;

import java.nio.file.Path;

/** Where a completed recording's WAV is, and its size, for download. */
public record RecordingAudio(Path file, long sizeBytes, String filename) {
}
