/**
 * The built-in media server behind the {@link org.confbridge.media} facade.
 *
 * <p>Threads (and nothing else touches the audio path):
 * <ul>
 *   <li>receive loop(s): read datagrams of all legs through one selector each, validate, latch,
 *       decode RFC 4733 events, and queue audio into the leg's lock-free inbound ring;</li>
 *   <li>the clock thread: every 20 ms runs {@link org.confbridge.media.engine.Mixer#tick()}:
 *       apply queued commands, read each leg's frame once, sum each room once, give every
 *       listener the sum minus itself, encode (once per codec for listeners who said nothing),
 *       send;</li>
 *   <li>the event thread: listener callbacks and completion stages, in order;</li>
 *   <li>the I/O thread: recording files.</li>
 * </ul>
 * Facade calls from application threads never touch mixer state: they queue a command.
 */
package org.confbridge.media.engine;
