/**
 * Audio sources the mixer can play: generated tones, PCM clips (WAV files, built-in prompts),
 * pauses, and the per-target queue that sequences, loops and interrupts them.
 *
 * <p>May contain: sample generation, WAV decoding through {@code javax.sound.sampled}, prompt
 * lookup, play queues. Loading (file I/O) happens on the caller's thread before anything is
 * queued; the queues themselves are confined to the mixer thread.
 */
package org.confbridge.media.player;
