/**
 * Recordings of invited participants ({@code record_enabled}): one stereo WAV per invited call, from
 * answer to hang-up (left channel what the invited person says, right channel what they hear), under
 * {@code <data dir>/recordings/<client id>/}, with its metadata in the database.
 *
 * <p>May contain: the {@code @Stateless} service that stores and serves recording metadata per client
 * (tenant rule: another client's recordings look like missing ones, 404), the small helper that starts
 * a leg's recording for the live registry, and their value types. A failure to write (unwritable
 * directory, disk full) never touches the call: it is logged and stored as the recording's error.
 */
package org.confbridge.app.recording;
