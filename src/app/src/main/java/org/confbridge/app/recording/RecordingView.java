package org.confbridge.app.recording;

import java.time.Instant;

/**
 * One recording's metadata.
 *
 * @param extensionId     the conference extension, null once that extension was deleted
 * @param extensionNumber the extension's number at listing time, null once deleted
 * @param number          the invited number
 * @param inviter         who invited (number or name of the participant who keyed {@code *8}); null over REST
 * @param status          {@code recording}, {@code completed} or {@code failed}
 * @param durationMs      audio length, null while recording
 * @param sizeBytes       WAV file size, null while recording or when nothing was written
 * @param error           why it failed, null otherwise
 */
public record RecordingView(long id, long clientId, Long extensionId, String extensionNumber, String number,
                            String inviter, Instant startedAt, Long durationMs, Long sizeBytes, String status,
                            String error) {
}
