package org.confbridge.media.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.confbridge.media.dtmf.DigitListener;
import org.confbridge.media.dtmf.TelephoneEventReceiver;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.NegotiatedMedia;
import org.confbridge.media.srtp.SrtpStream;

/**
 * One leg's RTP stream: validates and latches incoming packets, hands audio to the mixer,
 * telephone events to the DTMF receiver, and numbers outgoing packets.
 *
 * <p>Where media may come from (a stranger who guesses the port must neither be heard nor cut the
 * caller off):
 * <ul>
 *   <li>Packets from exactly the address and port of the remote SDP are always accepted, and from
 *       then on that is where we send.</li>
 *   <li>Symmetric RTP for callers behind NAT (RFC 4961 behaviour): while nothing has come from the
 *       SDP address, the first valid packet from another port may be latched onto, but only if its
 *       IP address is the one the call's SIP signalling came from ({@link #setSignallingAddress};
 *       without one, the SDP's IP address), unless {@code strictSource} is off (then any address,
 *       for deployments whose media and signalling addresses differ).</li>
 *   <li>Once latched, the source never changes until a new SDP with another address
 *       ({@link #update}); packets from anywhere else are dropped and counted
 *       ({@link RtpDropReason#STRANGER}), before they reach the jitter buffer or the DTMF receiver.</li>
 * </ul>
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

    private final boolean strictSource;
    private final LongAdder strangerPackets;
    private volatile NegotiatedMedia media;
    private volatile SrtpStream srtp;                       // null for plain RTP
    private volatile InetSocketAddress latched;
    private volatile InetAddress signallingAddress;
    private volatile long lastReceivedNanos;

    private int sequenceNumber;   // mixer thread
    private long timestamp;       // mixer thread

    public RtpSession(RtpTransport transport, DigitListener digits) {
        this(transport, digits, true, new LongAdder());
    }

    /**
     * @param strictSource latch onto a source other than the SDP address only if it has the
     *                     signalling address (see the class doc)
     * @param strangerPackets counts packets dropped as {@link RtpDropReason#STRANGER} (engine-wide)
     */
    public RtpSession(RtpTransport transport, DigitListener digits, boolean strictSource, LongAdder strangerPackets) {
        this(transport, digits, RtpRandom.current(), strictSource, strangerPackets);
    }

    RtpSession(RtpTransport transport, DigitListener digits, Random random) {
        this(transport, digits, random, true, new LongAdder());
    }

    private RtpSession(RtpTransport transport, DigitListener digits, Random random, boolean strictSource,
            LongAdder strangerPackets) {
        this.transport = transport;
        this.strictSource = strictSource;
        this.strangerPackets = strangerPackets;
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
        SrtpStream stream = srtp;
        if (negotiated.srtp() == null) {
            srtp = null;
        } else if (stream == null || !stream.keys().equals(negotiated.srtp())) {
            srtp = new SrtpStream(negotiated.srtp()); // new keys (re-INVITE): contexts start over
        }
        this.media = negotiated;
        if (previous == null || !previous.remoteRtp().equals(negotiated.remoteRtp())) {
            this.latched = null;
        }
        this.lastReceivedNanos = System.nanoTime(); // the timeout counts from the change, not from the past
        transport.sourcesChanged();
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
        SrtpStream stream = srtp;
        if (current.secure() && stream != null) {
            // Authenticated before anything else: only the keyed peer can be latched onto or heard.
            length = stream.unprotect(data, length);
            if (length < 0) {
                counters.countDropped(switch (stream.lastFailure()) {
                    case AUTHENTICATION -> RtpDropReason.SRTP_AUTHENTICATION;
                    case REPLAY -> RtpDropReason.SRTP_REPLAY;
                    default -> RtpDropReason.SRTP_INVALID;
                });
                return;
            }
        }
        RtpDropReason problem = parsed.parse(data, length);
        if (problem == null) {
            problem = checkPayloadType(current);
        }
        if (problem == null) {
            problem = checkSource(source, current);
        }
        if (problem != null) {
            counters.countDropped(problem);
            if (problem == RtpDropReason.STRANGER) {
                strangerPackets.increment();
            }
            return;
        }
        counters.countReceived();
        counters.countSequence(parsed.ssrc(), parsed.sequenceNumber());
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
     * The codec of an audio payload type: the negotiated one, or (on a G.711 call) the other G.711 variant on
     * its static type (an answer may list both, and the peer may use either; RFC 3264 6.1).
     */
    private static AudioCodec audioCodec(NegotiatedMedia current, int payloadType) {
        if (payloadType == current.payloadType()) {
            return current.codec();
        }
        if (current.codec().wideband()) {
            return null;
        }
        AudioCodec other = AudioCodec.byStaticPayloadType(payloadType).orElse(null);
        return other != null && !other.wideband() ? other : null;
    }

    /** Null if media from {@code source} is the caller's (see the class doc), else {@code STRANGER}. */
    private RtpDropReason checkSource(InetSocketAddress source, NegotiatedMedia current) {
        InetSocketAddress source0 = latched;
        if (source.equals(source0)) {
            return null; // the usual case: one comparison
        }
        if (source.equals(current.remoteRtp())) {
            latched = source; // the address the caller's SDP names is always the caller's
            return null;
        }
        if (source0 == null && mayLatch(source.getAddress(), current)) {
            latched = source; // first valid packet from behind a NAT: this is where the caller really is
            return null;
        }
        return RtpDropReason.STRANGER;
    }

    private boolean mayLatch(InetAddress address, NegotiatedMedia current) {
        if (!strictSource) {
            return true;
        }
        InetAddress signalling = signallingAddress;
        return address.equals(signalling != null ? signalling : current.remoteRtp().getAddress());
    }

    /**
     * The address the call's SIP requests come from (the INVITE's source, not its Contact): the only
     * address besides the SDP's from which media may be latched onto. Any thread.
     */
    public void setSignallingAddress(InetAddress address) {
        this.signallingAddress = address;
        transport.sourcesChanged();
    }

    /**
     * Whether a packet from {@code address} (not the SDP address) would be latched onto now: nothing
     * latched yet, media negotiated and receiving, and the address allowed by the source rule. A
     * shared socket asks this to find the one session a new source may belong to.
     */
    public boolean mayLatchFrom(InetAddress address) {
        NegotiatedMedia current = media;
        return latched == null && current != null && current.direction().receives() && mayLatch(address, current);
    }

    /** Packets dropped because they came from somewhere other than the caller. */
    public long strangerPackets() {
        return counters.dropped(RtpDropReason.STRANGER);
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

    /** Mixer thread: sends one G.711 frame (if allowed) and advances the RTP clock by its length (a byte a sample). */
    public void sendAudio(byte[] payload, int length) {
        sendAudio(payload, length, length);
    }

    /** Mixer thread: sends one audio frame (if allowed) and advances the RTP clock by {@code ticks} (its duration). */
    public void sendAudio(byte[] payload, int length, int ticks) {
        InetSocketAddress to = destination();
        if (to != null) {
            transmit(false, media.payloadType(), timestamp, payload, length, to);
        }
        timestamp = (timestamp + ticks) & 0xFFFFFFFFL;
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
            int packetLength = RtpPacket.HEADER_SIZE + length;
            SrtpStream stream = srtp;
            if (stream != null) {
                packetLength = stream.protect(packet, packetLength);
            }
            if (packetLength > 0) {
                outbound.publish(packetLength, to);
            } else {
                counters.countSendError();
            }
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
