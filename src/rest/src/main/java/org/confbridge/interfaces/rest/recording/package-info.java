/**
 * Recordings of invited participants: list (filter by extension and start time, paginated), metadata,
 * the WAV download with byte ranges (RFC 7233: one range per request; 206 with Content-Range, 416 when
 * unsatisfiable), and delete. Only the owning client sees its recordings (others: 404).
 */
package org.confbridge.interfaces.rest.recording;
