/**
 * Recorders: a leg's audio to a WAV file (mono: what the participant says; stereo: left what
 * they say, right what they hear), and the end rules of a short name recording.
 *
 * <p>The mixer thread only copies samples into chunks; all file I/O runs on an I/O executor, and
 * the WAV container is written by {@code javax.sound.sampled}.
 */
package org.confbridge.media.record;
