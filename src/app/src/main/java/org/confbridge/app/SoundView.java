package org.confbridge.app;

import java.time.Instant;

/** A sound file's metadata as the API shows it. */
public record SoundView(long id, long clientId, String title, String originalFilename, String originalFormat,
                        long originalSize, long durationMs, Instant createdAt, Instant updatedAt) {
}
