/**
 * The built-in media server behind the {@link org.confbridge.media} facade.
 *
 * <p>Threads (and nothing else touches the audio path):
 * <ul>
 *   <li>I/O loops ({@code media-rtp-rx-N}, one or two): each owns a share of the legs' sockets
 *       on one selector; receive, validate, latch, decode RFC 4733 events, queue audio into the
 *       leg's lock-free inbound ring; after each tick, send the packets the mixer prepared;</li>
 *   <li>the clock thread ({@code media-clock}): every 20 ms runs {@code Mixer.tick()}: apply
 *       queued commands, read each leg's frame once, sum each room once, give every listener
 *       the sum minus itself, encode (once per codec for listeners who said nothing), queue the
 *       packet to the leg's I/O loop;</li>
 *   <li>the event thread: listener callbacks and completion stages, in order;</li>
 *   <li>the I/O thread: recording files.</li>
 * </ul>
 * Facade calls from application threads never touch mixer state: they queue a command.
 */
package org.confbridge.media.engine;
