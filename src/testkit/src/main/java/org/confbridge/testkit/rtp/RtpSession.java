package org.confbridge.testkit.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.codec.Downsampler2x;
import org.confbridge.media.codec.Upsampler2x;

/**
 * One RTP stream of a test phone: a UDP socket on an even port, a receiver that decodes everything
 * into {@link ReceivedAudio} / {@link ReceivedDigits}, and a sender that emits one 20 ms packet per tick
 * in the negotiated {@link AudioEncoding} (G.711, G.722 or Opus) from an {@link AudioSource}, paced against
 * the monotonic clock (deadline = start + n x 20 ms, so sleeping late never accumulates drift), with
 * RFC 4733 events replacing audio while a key is sent.
 *
 * <p>Audio is made and heard at the encoding's PCM rate (8 kHz for G.711, 16 kHz for G.722 and Opus);
 * timestamps and event durations count in its RTP clock (8000 for G.711 and G.722, 48000 for Opus).
 */
public final class RtpSession implements AutoCloseable {

    /** Samples in a 20 ms G.711 frame (8 kHz); wideband encodings have {@link AudioEncoding#samplesPerFrame()}. */
    public static final int SAMPLES_PER_FRAME = 160;
    public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Logger LOG = Logger.getLogger(RtpSession.class.getName());
    private static final long REALIGN_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int END_PACKET_COPIES = 3;
    private static final int MIN_EVENT_PACKETS = 3;
    private static final int EVENT_VOLUME = 10;

    /** Where and how to send; replaced as a whole when SDP changes (answer, re-INVITE). */
    public static final class Target {
        final InetSocketAddress remote;
        final int audioPayloadType;
        final AudioEncoding encoding;
        final int eventPayloadType;

        /**
         * A static payload type: PCMU (0), PCMA (8) or G.722 (9).
         *
         * @param eventPayloadType the negotiated telephone-event payload type, or -1 for none
         */
        public Target(InetSocketAddress remote, int audioPayloadType, int eventPayloadType) {
            this(remote, audioPayloadType, staticEncoding(audioPayloadType), eventPayloadType);
        }

        /**
         * Any payload type, with the encoding the SDP gave it (e.g. 111 for Opus).
         *
         * @param eventPayloadType the negotiated telephone-event payload type, or -1 for none
         */
        public Target(InetSocketAddress remote, int audioPayloadType, AudioEncoding encoding, int eventPayloadType) {
            if (audioPayloadType < 0 || audioPayloadType > 127) {
                throw new IllegalArgumentException("payload type must be 0..127: " + audioPayloadType);
            }
            this.remote = remote;
            this.audioPayloadType = audioPayloadType;
            this.encoding = java.util.Objects.requireNonNull(encoding, "encoding");
            this.eventPayloadType = eventPayloadType;
        }

        private static AudioEncoding staticEncoding(int payloadType) {
            AudioEncoding encoding = AudioEncoding.forStaticPayloadType(payloadType);
            if (encoding == null) {
                throw new IllegalArgumentException("the test phone sends PCMU (0), PCMA (8) or G.722 (9) on static"
                        + " payload types, not " + payloadType + " (a dynamic one needs its encoding)");
            }
            return encoding;
        }

        /** What the phone sends in. */
        public AudioEncoding encoding() {
            return encoding;
        }

        public int audioPayloadType() {
            return audioPayloadType;
        }

        public int eventPayloadType() {
            return eventPayloadType;
        }
    }

    private static final class PendingEvent {
        final int code;
        final int packets;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long timestamp;
        int sent;
        int endsSent;

        PendingEvent(int code, int packets) {
            this.code = code;
            this.packets = packets;
        }
    }

    private volatile DatagramSocket socket;
    private final ReceivedAudio audio = new ReceivedAudio();
    private final ReceivedDigits digits = new ReceivedDigits();
    private final Queue<PendingEvent> eventQueue = new ConcurrentLinkedQueue<>();
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private final Thread receiver;
    private final SendLog sendLog = new SendLog();
    private final AtomicInteger invalidPackets = new AtomicInteger();
    private final AtomicInteger unexpectedPackets = new AtomicInteger();
    private final AtomicInteger toLose = new AtomicInteger();
    /** Dynamic payload types announced in SDP and what they carry (static ones are known). */
    private final Map<Integer, AudioEncoding> dynamicEncodings = new ConcurrentHashMap<>();
    /** The receiver thread's decoders, one per payload type (G.722 and Opus decoders have memory). */
    private final Map<Integer, DecoderSlot> decoders = new HashMap<>();

    private final AtomicInteger srtpFailures = new AtomicInteger();
    private volatile SrtpContext srtpSend;     // null: plain RTP
    private volatile SrtpContext srtpReceive;

    private volatile Target target;
    private volatile int expectedEventPayloadType;
    private volatile AudioSource source = AudioSource.silence();
    private volatile boolean sending = true;
    private volatile boolean running = true;
    private volatile Thread sender;

    /**
     * Loses the next {@code packets} audio packets as a bad network would: they are numbered and timed but
     * never sent, so the receiver sees a gap in the sequence numbers and nothing to play for that time.
     */
    public void loseNext(int packets) {
        toLose.addAndGet(packets);
    }

    /** Packets that {@link #loseNext} still has to lose. */
    public int stillToLose() {
        return toLose.get();
    }

    /** Binds an even UDP port on {@code local} and starts receiving at once (early media included). */
    public RtpSession(InetAddress local, int expectedEventPayloadType) throws SocketException {
        this.socket = bindEvenPort(local);
        this.socket.setSoTimeout(100);
        this.expectedEventPayloadType = expectedEventPayloadType;
        this.receiver = new Thread(this::receiveLoop, "testphone-rtp-rx-" + socket.getLocalPort());
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /**
     * Moves the stream to a new even local port (for a re-INVITE announcing it): later packets are sent
     * from and received on the new port; the old socket is closed. Received audio stays on one timeline.
     */
    public synchronized int rebind() throws SocketException {
        if (!running) {
            throw new IllegalStateException("RTP session closed");
        }
        DatagramSocket old = socket;
        DatagramSocket fresh = bindEvenPort(old.getLocalAddress());
        fresh.setSoTimeout(100);
        socket = fresh;
        old.close();
        return fresh.getLocalPort();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    public ReceivedAudio audio() {
        return audio;
    }

    public ReceivedDigits digits() {
        return digits;
    }

    public SendLog sendLog() {
        return sendLog;
    }

    /** Packets dropped as not RTP version 2 or truncated. */
    public int invalidPackets() {
        return invalidPackets.get();
    }

    /** Valid RTP packets with a payload type that is neither a known audio encoding nor the telephone-event type. */
    public int unexpectedPackets() {
        return unexpectedPackets.get();
    }

    /** From now on, SRTP with these contexts (null, null: plain RTP again). */
    public void setSrtp(SrtpContext send, SrtpContext receive) {
        this.srtpSend = send;
        this.srtpReceive = receive;
    }

    /** SRTP packets that failed authentication (a wrong key, or plain RTP on an SRTP call). */
    public int srtpFailures() {
        return srtpFailures.get();
    }

    /**
     * Takes audio arriving with a dynamic payload type 96..127 as {@code encoding} (what the SDP says it is, e.g.
     * {@code 111 opus/48000/2}). Static types 0, 8 and 9 are always PCMU, PCMA and G.722.
     */
    public void receive(int payloadType, AudioEncoding encoding) {
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("a dynamic payload type is 96..127, not " + payloadType);
        }
        dynamicEncodings.put(payloadType, java.util.Objects.requireNonNull(encoding, "encoding"));
    }

    /** Sets where to send and in which payload types (after SDP negotiation); audio coming back in the same type is decoded too. */
    public void setTarget(Target newTarget) {
        if (newTarget.audioPayloadType >= 96) {
            receive(newTarget.audioPayloadType, newTarget.encoding);
        }
        this.target = newTarget;
        if (newTarget.eventPayloadType >= 0) {
            this.expectedEventPayloadType = newTarget.eventPayloadType;
        }
    }

    public Target target() {
        return target;
    }

    /** Pauses (false) or resumes (true) sending, e.g. when the peer put us on hold with sendonly. */
    public void setSending(boolean enabled) {
        this.sending = enabled;
    }

    public boolean isSending() {
        return sending;
    }

    /** Switches what this phone says, from the next 20 ms frame on. */
    public void play(AudioSource newSource) {
        this.source = newSource;
    }

    /** Starts the 20 ms sender (idempotent); it needs a target to send anything. */
    public synchronized void startSending() {
        if (sender == null && running) {
            sender = new Thread(this::sendLoop, "testphone-rtp-tx-" + socket.getLocalPort());
            sender.setDaemon(true);
            sender.setPriority(Thread.MAX_PRIORITY);
            sender.start();
        }
    }

    /**
     * Queues a key as an RFC 4733 event lasting {@code duration} (at least 3 update packets); the future
     * completes when its three end packets were sent.
     */
    public CompletableFuture<Void> sendEvent(char key, Duration duration) {
        Target t = target;
        if (t == null || t.eventPayloadType < 0) {
            throw new IllegalStateException("no telephone-event payload type negotiated for RFC 4733 DTMF");
        }
        if (sender == null) {
            throw new IllegalStateException("media not started: RFC 4733 DTMF needs an answered call");
        }
        int packets = (int) Math.max(MIN_EVENT_PACKETS, duration.toNanos() / FRAME_NANOS);
        PendingEvent event = new PendingEvent(TelephoneEvent.codeOf(key), packets);
        eventQueue.add(event);
        return event.done;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        joinQuietly(sender);
        joinQuietly(receiver);
        PendingEvent left;
        while ((left = eventQueue.poll()) != null) {
            left.done.completeExceptionally(new IllegalStateException("RTP session closed"));
        }
    }

    public boolean isClosed() {
        return !running;
    }

    // ---- sender thread ------------------------------------------------------------------------------

    private void sendLoop() {
        Framer framer = new Framer();
        long start = System.nanoTime();
        long tick = 0;
        long rtpTime = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
        int sequence = ThreadLocalRandom.current().nextInt(0x10000);
        boolean firstAudio = true;
        PendingEvent event = null;
        AudioEncoding encoding = null;
        AudioEncoding.Encoder encoder = null;
        while (running) {
            long deadline = start + tick * FRAME_NANOS;
            long now;
            while ((now = System.nanoTime()) < deadline && running) {
                LockSupport.parkNanos(deadline - now);
            }
            if (!running) {
                break;
            }
            Target t = target;
            // the RTP clock advances by one frame of the current encoding per tick, sent or not
            int step = t == null ? SAMPLES_PER_FRAME : t.encoding.timestampStep();
            if (now - deadline > REALIGN_AFTER_NANOS) {
                // a long stall (GC, suspended machine): skip the lost ticks rather than burst them out
                long skipped = (now - deadline) / FRAME_NANOS;
                tick += skipped;
                rtpTime += skipped * step;
                continue;
            }
            long timestamp = rtpTime & 0xffffffffL;
            rtpTime += step;
            tick++;
            if (t == null || !sending) {
                continue;
            }
            if (event == null) {
                event = eventQueue.poll();
                if (event != null) {
                    event.timestamp = timestamp;
                }
            }
            if (event != null) {
                sequence = sendEventPacket(t, event, sequence);
                if (event.endsSent == END_PACKET_COPIES) {
                    event.done.complete(null);
                    event = null;
                    firstAudio = true;
                }
                continue;
            }
            short[] frame = framer.next(source, t.encoding.pcmRate());
            if (toLose.get() > 0) {
                toLose.decrementAndGet();
                sequence++; // lost on the way: its number and time pass, the receiver sees a gap
                continue;
            }
            if (t.encoding != encoding) {
                encoding = t.encoding;
                encoder = encoding.newEncoder(); // a new stream state for the new codec
            }
            byte[] payload = encoder.encode(frame);
            send(t, new RtpPacket(firstAudio, t.audioPayloadType, sequence++, timestamp, ssrc, payload));
            firstAudio = false;
        }
    }

    private int sendEventPacket(Target t, PendingEvent event, int sequence) {
        boolean end = event.sent >= event.packets;
        // durations count in the audio's RTP clock (RFC 4733 2.5.1.2): 160 per 20 ms at 8 kHz, 960 at 48 kHz
        int duration = Math.min(0xffff, (end ? event.packets : event.sent + 1) * t.encoding.timestampStep());
        TelephoneEvent payload = new TelephoneEvent(event.code, end, EVENT_VOLUME, duration);
        send(t, new RtpPacket(event.sent == 0, t.eventPayloadType, sequence, event.timestamp, ssrc, payload.toBytes()));
        if (end) {
            event.endsSent++;
        } else {
            event.sent++;
        }
        return sequence + 1;
    }

    private void send(Target t, RtpPacket packet) {
        byte[] bytes = packet.toBytes();
        SrtpContext protection = srtpSend;
        if (protection != null) {
            bytes = protection.protect(bytes);
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, t.remote));
            sendLog.record(System.nanoTime(), packet.payloadType());
        } catch (IOException e) {
            if (running) {
                LOG.log(Level.FINE, "RTP send to " + t.remote + " failed", e);
            }
        }
    }

    // ---- receiver thread ----------------------------------------------------------------------------

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            DatagramSocket current = socket;
            try {
                datagram.setLength(buffer.length);
                current.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (running && current != socket) {
                    continue; // rebind() swapped the socket under us
                }
                if (running) {
                    LOG.log(Level.FINE, "RTP receive failed", e);
                }
                break;
            }
            long arrival = System.nanoTime();
            RtpPacket packet;
            SrtpContext protection = srtpReceive;
            if (protection != null) {
                byte[] clear = protection.unprotect(buffer, datagram.getLength());
                if (clear == null) {
                    srtpFailures.incrementAndGet();
                    continue;
                }
                packet = RtpPacket.parse(clear, clear.length);
            } else {
                packet = RtpPacket.parse(buffer, datagram.getLength());
            }
            if (packet == null) {
                invalidPackets.incrementAndGet();
                continue;
            }
            dispatch(packet, arrival);
        }
    }

    private void dispatch(RtpPacket packet, long arrival) {
        int payloadType = packet.payloadType();
        AudioEncoding encoding = encodingOf(payloadType);
        if (encoding != null) {
            short[] pcm = decoderFor(payloadType, encoding).decode(packet.payload());
            if (pcm == null) {
                invalidPackets.incrementAndGet(); // an Opus packet its decoder refused
                return;
            }
            audio.add(new ReceivedAudio.Frame(arrival, packet.sequence(), packet.timestamp(), payloadType, pcm,
                    encoding.pcmRate()));
        } else if (payloadType == expectedEventPayloadType) {
            TelephoneEvent event = TelephoneEvent.parse(packet.payload());
            if (event == null) {
                invalidPackets.incrementAndGet();
            } else {
                Target t = target;
                digits.onEvent(packet, event, arrival, t == null ? 8000 : t.encoding.clockRate());
            }
        } else {
            unexpectedPackets.incrementAndGet();
        }
    }

    private AudioEncoding encodingOf(int payloadType) {
        AudioEncoding dynamic = payloadType >= 96 ? dynamicEncodings.get(payloadType) : null;
        return dynamic != null ? dynamic : AudioEncoding.forStaticPayloadType(payloadType);
    }

    private AudioEncoding.Decoder decoderFor(int payloadType, AudioEncoding encoding) {
        DecoderSlot slot = decoders.get(payloadType);
        if (slot == null || slot.encoding != encoding) {
            slot = new DecoderSlot(encoding);
            decoders.put(payloadType, slot);
        }
        return slot.decoder;
    }

    /** A payload type's decoder, kept while the type means the same encoding. */
    private static final class DecoderSlot {
        final AudioEncoding encoding;
        final AudioEncoding.Decoder decoder;

        DecoderSlot(AudioEncoding encoding) {
            this.encoding = encoding;
            this.decoder = encoding.newDecoder();
        }
    }

    /**
     * The sender's frames at the rate the encoding needs, from a source that may make another: 8 kHz sources
     * are upsampled for wideband codecs, 16 kHz-only sources downsampled for G.711 (sender thread only).
     */
    private static final class Framer {
        private final short[] narrow = new short[SAMPLES_PER_FRAME];
        private final short[] wide = new short[2 * SAMPLES_PER_FRAME];
        private AudioSource current;
        private Upsampler2x upsampler;
        private Downsampler2x downsampler;

        short[] next(AudioSource source, int rate) {
            if (source != current) {
                current = source;
                upsampler = new Upsampler2x(); // a new source starts with empty filters
                downsampler = new Downsampler2x();
            }
            short[] frame = rate == 8000 ? narrow : wide;
            if (source.makes(rate)) {
                source.fill(frame, rate);
            } else if (rate == 16000 && source.makes(8000)) {
                source.fill(narrow, 8000);
                upsampler.process(narrow, wide);
            } else if (rate == 8000 && source.makes(16000)) {
                source.fill(wide, 16000);
                downsampler.process(wide, narrow);
            } else {
                throw new IllegalStateException("the audio source makes neither 8 nor 16 kHz audio");
            }
            return frame;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static DatagramSocket bindEvenPort(InetAddress local) throws SocketException {
        // RTP ports are even by convention (RFC 3550 11); the kernel hands out any, so retry a few times
        SocketException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket candidate = new DatagramSocket(new InetSocketAddress(local, 0));
            if (candidate.getLocalPort() % 2 == 0) {
                return candidate;
            }
            try {
                DatagramSocket even = new DatagramSocket(new InetSocketAddress(local, candidate.getLocalPort() + 1));
                candidate.close();
                if (even.getLocalPort() % 2 == 0) {
                    return even;
                }
                even.close();
            } catch (SocketException e) {
                candidate.close();
                last = e;
            }
        }
        throw new SocketException("no even UDP port free on " + local + (last == null ? "" : ": " + last.getMessage()));
    }

    private static void joinQuietly(Thread thread) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
