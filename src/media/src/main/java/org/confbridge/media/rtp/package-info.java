/**
 * RTP transport for audio legs (RFC 3550), with symmetric RTP latching (RFC 4961 behaviour,
 * for callers behind NAT) and a fixed-depth jitter buffer with loss concealment.
 *
 * <p>May contain: packet parsing/building, per-leg sessions, UDP sockets: by default
 * {@link org.confbridge.media.rtp.SharedRtpPort} (one socket per I/O thread shared by its legs, found by
 * source address, batched recvmmsg/sendmmsg through Netty's epoll transport), or a port per leg (the
 * {@link org.confbridge.media.rtp.RtpPortAllocator} and the selector loop that receives for all of them),
 * the jitter buffer.
 * Must not contain: mixing, conference rules, SIP.
 *
 * <p>Threads: datagrams are read and written by the I/O thread(s) ({@code SharedRtpPort}'s or
 * {@link org.confbridge.media.rtp.RtpReceiveLoop}'s); audio crosses to the mixer thread through a single-producer single-consumer
 * {@link org.confbridge.media.rtp.InboundQueue} per leg and back through a small outbound ring,
 * so neither side takes a lock.
 */
package org.confbridge.media.rtp;
