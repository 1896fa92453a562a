package org.confbridge.app.audio;

/**
 * Decoded audio, mixed down to mono, samples in [-1, 1].
 *
 * @param samples    mono samples
 * @param sampleRate samples per second
 * @param format     "wav" or "mp3": what the upload was
 */
public record DecodedAudio(float[] samples, int sampleRate, String format) {
}
