/**
 * The media engine's facade, in the spirit of JSR 309 (network connections, a mixer, players,
 * recorders, signal detectors): what the application layer uses, so that another media server
 * could sit behind the same interfaces later.
 *
 * <p>Thread rules for every interface here: all methods are thread-safe and return quickly;
 * changes to the audio path (join, leave, mute, play, record, update) are queued and take effect
 * at the next 20 ms tick. Listener callbacks and completion stages run on the engine's single
 * event thread, in order, and must not block for long (hand heavy work elsewhere).
 *
 * <p>Implementation: {@link org.confbridge.media.engine.DefaultMediaEngine}.
 */
package org.confbridge.media;
