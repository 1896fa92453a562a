package org.confbridge.media.rtp;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Random;
import org.confbridge.media.dtmf.DigitListener;
import org.confbridge.media.dtmf.TelephoneEventReceiver;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * One leg's RTP stream: validates and latches incoming packets, hands audio to the mixer,
 * telephone events to the DTMF receiver, and numbers outgoing packets.
 *
 * <p>Symmetric RTP: until a valid packet arrives we send to the SDP address; from the first
 * valid packet on we send to its source and drop packets from any other address
 * ({@link RtpDropReason#STRANGER}). A new SDP with a new address ({@link #update}) starts
 * latching again.
 *
 * <p>Threads: {@link #receive} and {@link #flushOutbound} run on the I/O loop thread only;
 * {@link #sendAudio}, {@link #sendEvent}, {@link #skip} and {@link #inbound()} polling on the
 * mixer thread only (sending just queues the packet for the loop thread);
 * {@link #update} on any thread (the media description is a volatile immutable snapshot).
 */
public final class RtpSession {
    private static final int INBOUND_CAPACITY = 16;
    private static final int OUTBOUND_CAPACITY = 4;

    private final RtpTransport transport;
    private final RtpPacket parsed = new RtpPacket();        // receive thread
    private final InboundQueue inbound = new InboundQueue(INBOUND_CAPACITY);
    private final OutboundQueue outbound = new OutboundQueue(OUTBOUND_CAPACITY);
    private final TelephoneEventReceiver dtmf;              // receive thread
    private final RtpCounters counters = new RtpCounters();
    private final int ssrc;

    private volatile NegotiatedMedia media;
    private volatile InetSocketAddress latched;
    private volatile long lastReceivedNanos;

    private int sequenceNumber;   // mixer thread
    private long timestamp;       // mixer thread

    public RtpSession(RtpTransport transport, DigitListener digits) {
        this(transport, digits, new SecureRandom());
    }

    RtpSession(RtpTransport transport, DigitListener digits, Random random) {
        this.transport = transport;
        this.dtmf = new TelephoneEventReceiver(digits);
        // RFC 3550: random SSRC, initial sequence number and timestamp.
        this.ssrc = random.nextInt();
        this.sequenceNumber = random.nextInt(0x10000);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
        this.lastReceivedNanos = System.nanoTime();
    }

    /**
     * Applies a new SDP outcome (initial answer, re-INVITE, hold). If the remote address changed,
     * latching starts over; a re-INVITE to the same address (hold, resume) keeps the latched
     * source, so a caller behind NAT is not cut off until its next packet.
     */
    public void update(NegotiatedMedia negotiated) {
        NegotiatedMedia previous = this.media;
        this.media = negotiated;
        if (previous == null || !previous.remoteRtp().equals(negotiated.remoteRtp())) {
            this.latched = null;
        }
        this.lastReceivedNanos = System.nanoTime(); // the timeout counts from the change, not from the past
    }

    /** The current media description, or null before the first SDP exchange. */
    public NegotiatedMedia media() {
        return media;
    }

    /** Receive thread: handles one datagram from {@code source}. */
    public void receive(byte[] data, int length, InetSocketAddress source, long nowNanos) {
        NegotiatedMedia current = media;
        if (current == null || !current.direction().receives()) {
            counters.countDropped(RtpDropReason.NOT_RECEIVING);
            return;
        }
        RtpDropReason problem = parsed.parse(data, length);
        if (problem == null) {
            problem = checkPayloadType(current);
        }
        if (problem == null) {
            problem = checkSource(source);
        }
        if (problem != null) {
            counters.countDropped(problem);
            return;
        }
        counters.countReceived();
        lastReceivedNanos = nowNanos;
        if (parsed.payloadType() == current.telephoneEventPayloadType()) {
            dtmf.onEventPacket(parsed.timestamp(), data, parsed.payloadOffset(), parsed.payloadLength());
            return;
        }
        dtmf.onAudioPacket(parsed.timestamp());
        if (!inbound.offer(data, parsed.payloadOffset(), parsed.payloadLength(), parsed.timestamp(), parsed.ssrc(),
                parsed.marker(), audioCodec(current, parsed.payloadType()))) {
            counters.countDropped(RtpDropReason.QUEUE_FULL);
        }
    }

    private RtpDropReason checkPayloadType(NegotiatedMedia current) {
        int payloadType = parsed.payloadType();
        if (payloadType == current.telephoneEventPayloadType() || audioCodec(current, payloadType) != null) {
            return null;
        }
        return RtpDropReason.UNKNOWN_PAYLOAD_TYPE;
    }

    /**
     * The codec of an audio payload type: the negotiated one, or the other G.711 variant on its
     * static type (an answer may list both, and the peer may use either; RFC 3264 6.1).
     */
    private static AudioCodec audioCodec(NegotiatedMedia current, int payloadType) {
        if (payloadType == current.payloadType()) {
            return current.codec();
        }
        return AudioCodec.byStaticPayloadType(payloadType).orElse(null);
    }

    private RtpDropReason checkSource(InetSocketAddress source) {
        InetSocketAddress current = latched;
        if (current == null) {
            latched = source; // first valid packet: this is where the caller really is
            return null;
        }
        return current.equals(source) ? null : RtpDropReason.STRANGER;
    }

    /** Mixer thread: the audio waiting to be played. */
    public InboundQueue inbound() {
        return inbound;
    }

    /** Where we send: the latched source, else the SDP address; null if we may not send. */
    public InetSocketAddress destination() {
        NegotiatedMedia current = media;
        if (current == null || !current.maySend()) {
            return null;
        }
        InetSocketAddress source = latched;
        return source != null ? source : current.remoteRtp();
    }

    /** Mixer thread: sends one audio frame (if allowed) and advances the RTP clock by its length. */
    public void sendAudio(byte[] payload, int length) {
        InetSocketAddress to = destination();
        if (to != null) {
            transmit(false, media.payloadType(), timestamp, payload, length, to);
        }
        timestamp = (timestamp + length) & 0xFFFFFFFFL;
    }

    /**
     * Mixer thread: sends a telephone-event packet in place of this tick's audio, then advances the
     * RTP clock by {@code samples}. Without a negotiated telephone-event type nothing is sent.
     */
    public void sendEvent(byte[] payload, int length, long eventTimestamp, boolean marker, int samples) {
        InetSocketAddress to = destination();
        int eventPayloadType = media == null ? -1 : media.telephoneEventPayloadType();
        if (to != null && eventPayloadType >= 0) {
            transmit(marker, eventPayloadType, eventTimestamp, payload, length, to);
        }
        timestamp = (timestamp + samples) & 0xFFFFFFFFL;
    }

    /** Mixer thread: a tick without sending (hold): the RTP clock still runs, as RFC 3550 wants. */
    public void skip(int samples) {
        timestamp = (timestamp + samples) & 0xFFFFFFFFL;
    }

    /** Mixer thread: the RTP timestamp the next audio frame will carry. */
    public long nextTimestamp() {
        return timestamp;
    }

    private void transmit(boolean marker, int payloadType, long packetTimestamp, byte[] payload, int length,
            InetSocketAddress to) {
        byte[] packet = outbound.claim();
        if (packet == null) {
            counters.countSendError(); // the I/O loop is more than a few ticks behind
        } else {
            RtpPacket.writeHeader(packet, marker, payloadType, sequenceNumber, packetTimestamp, ssrc);
            System.arraycopy(payload, 0, packet, RtpPacket.HEADER_SIZE, length);
            outbound.publish(RtpPacket.HEADER_SIZE + length, to);
        }
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF; // a dropped packet is a gap the receiver may see
    }

    /**
     * I/O loop thread (the one that receives for this session): sends the packets the mixer has
     * prepared. Called after every tick.
     */
    public void flushOutbound() {
        outbound.drainTo(transport, counters);
    }

    /** When the last valid packet arrived ({@link System#nanoTime()} scale). */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Where valid packets come from, once known. */
    public InetSocketAddress latchedSource() {
        return latched;
    }

    public RtpCounters counters() {
        return counters;
    }

    public int ssrc() {
        return ssrc;
    }

    public int localPort() {
        return transport.localPort();
    }

    /** Closes the transport (releases the port). */
    public void close() {
        transport.close();
    }
}
