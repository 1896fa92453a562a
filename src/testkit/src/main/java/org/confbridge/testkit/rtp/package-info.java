/**
 * The test phone's own media plane, independent of the product's media engine: RTP packets (RFC 3550,
 * no RTCP), G.711 PCMU/PCMA through the JDK's javax.sound codecs (ITU-T G.711), G.722 and Opus through
 * confbridge-media's codec classes only ({@link org.confbridge.testkit.rtp.AudioEncoding}), RFC 4733
 * telephone events in the codec's RTP clock, a real-time 20 ms sender and a receiver that keeps a timeline
 * of everything heard, at the codec's audio rate.
 *
 * <p>Threads: each {@link org.confbridge.testkit.rtp.RtpSession} owns one receiver and (once started)
 * one sender thread, both daemons, both ended by {@code close()}. Senders' state (the audio source,
 * queued DTMF events) is handed over through volatile fields and concurrent queues, never locked in
 * the 20 ms tick.
 */
package org.confbridge.testkit.rtp;
