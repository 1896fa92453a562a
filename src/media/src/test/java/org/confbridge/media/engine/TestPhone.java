package org.confbridge.media.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * A minimal RTP phone on a real loopback UDP socket: sends G.711 frames and RFC 4733 events,
 * receives and decodes what the engine sends.
 */
final class TestPhone implements AutoCloseable {
    static final int TELEPHONE_EVENT_PT = 101;

    final DatagramChannel channel;
    final AudioCodec codec;
    private final org.confbridge.media.codec.FrameEncoder encoder;
    private final org.confbridge.media.codec.FrameDecoder decoder;
    private int sequence = 1000;
    private long timestamp = 50_000;
    private final int ssrc;
    private final List<short[]> heard = new ArrayList<>();
    private final List<byte[]> eventPackets = new ArrayList<>();

    TestPhone(AudioCodec codec, int ssrc) throws IOException {
        this(codec, ssrc, InetAddress.getLoopbackAddress());
    }

    /** A phone whose socket is bound to {@code address} (another loopback address, e.g. 127.0.0.2, on Linux). */
    TestPhone(AudioCodec codec, int ssrc, InetAddress address) throws IOException {
        this.codec = codec;
        this.encoder = LegCodecs.encoder(codec);
        this.decoder = LegCodecs.decoder(codec);
        this.ssrc = ssrc;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(address, 0));
        channel.socket().setSoTimeout(2000);
    }

    int port() {
        return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
    }

    /** What our SDP would have said: send to this phone's socket. */
    NegotiatedMedia media(MediaDirection ourDirection) {
        return new NegotiatedMedia((InetSocketAddress) channel.socket().getLocalSocketAddress(), codec,
                codec.offeredPayloadType(), TELEPHONE_EVENT_PT, ourDirection, 20);
    }

    NegotiatedMedia media() {
        return media(MediaDirection.SENDRECV);
    }

    /** Sends one 20 ms audio frame to the engine leg on {@code port}. */
    void sendFrame(short[] pcm, int port) throws IOException {
        byte[] encoded = new byte[RtpPacket.MAX_PAYLOAD];
        int length = encoder.encode(pcm, encoded);
        send(packet(false, codec.offeredPayloadType(), timestamp, java.util.Arrays.copyOf(encoded, length)), port);
        timestamp += codec.rtpTicksPerFrame();
    }

    /** Samples per second of what this phone sends and hears (its codec's). */
    int rate() {
        return codec.pcmRate();
    }

    /** Sends one RFC 4733 event packet. */
    void sendEvent(int event, boolean end, int duration, long eventTimestamp, boolean marker, int port)
            throws IOException {
        byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        send(packet(marker, TELEPHONE_EVENT_PT, eventTimestamp, payload), port);
    }

    /** A full key press as a phone sends it: start, updates, three end packets, all on one timestamp. */
    void pressKey(int event, int port) throws IOException {
        long start = timestamp;
        sendEvent(event, false, 160, start, true, port);
        sendEvent(event, false, 320, start, false, port);
        sendEvent(event, false, 480, start, false, port);
        for (int i = 0; i < 3; i++) {
            sendEvent(event, true, 640, start, false, port);
        }
        timestamp += 640;
    }

    /** Loses {@code frames} 20 ms packets on the way: their sequence numbers and time pass, nothing is sent. */
    void lose(int frames) {
        sequence += frames;
        timestamp += (long) frames * codec.rtpTicksPerFrame();
    }

    long timestamp() {
        return timestamp;
    }

    byte[] packet(boolean marker, int payloadType, long ts, byte[] payload) {
        byte[] packet = new byte[RtpPacket.HEADER_SIZE + payload.length];
        RtpPacket.writeHeader(packet, marker, payloadType, sequence++ & 0xFFFF, ts, ssrc);
        System.arraycopy(payload, 0, packet, RtpPacket.HEADER_SIZE, payload.length);
        return packet;
    }

    void send(byte[] packet, int port) throws IOException {
        channel.send(ByteBuffer.wrap(packet), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Blocks for the next datagram (2 s at most); audio is decoded into {@link #heard()}, events kept. */
    InetSocketAddress receiveOne() throws IOException {
        byte[] data = new byte[2048];
        java.net.DatagramPacket datagram = new java.net.DatagramPacket(data, data.length);
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("phone on port " + port() + " received nothing", e);
        }
        RtpPacket packet = new RtpPacket();
        if (packet.parse(data, datagram.getLength()) != null) {
            throw new AssertionError("engine sent an invalid RTP packet");
        }
        if (packet.payloadType() == TELEPHONE_EVENT_PT) {
            byte[] copy = new byte[datagram.getLength()];
            System.arraycopy(data, 0, copy, 0, copy.length);
            eventPackets.add(copy);
        } else {
            if (packet.payloadType() != codec.offeredPayloadType()) {
                throw new AssertionError("engine sent payload type " + packet.payloadType());
            }
            short[] pcm = new short[AudioFrames.WIDEBAND_SAMPLE_RATE * 120 / 1000];
            int samples = decoder.decode(data, packet.payloadOffset(), packet.payloadLength(), pcm);
            if (samples < 0) {
                throw new AssertionError("engine sent an undecodable " + codec + " payload");
            }
            heard.add(java.util.Arrays.copyOf(pcm, samples));
        }
        return (InetSocketAddress) datagram.getSocketAddress();
    }

    /** True if a datagram is waiting (non-blocking check after a short grace period). */
    boolean hasPending(long waitMillis) throws IOException {
        channel.socket().setSoTimeout((int) Math.max(1, waitMillis));
        try {
            byte[] data = new byte[2048];
            channel.socket().receive(new java.net.DatagramPacket(data, data.length));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            channel.socket().setSoTimeout(2000);
        }
    }

    List<short[]> heard() {
        return heard;
    }

    List<byte[]> eventPackets() {
        return eventPackets;
    }

    /** The last {@code frames} frames heard, concatenated. */
    short[] lastHeard(int frames) {
        int count = Math.min(frames, heard.size());
        int frame = AudioFrames.frameSamples(rate());
        short[] all = new short[count * frame];
        for (int i = 0; i < count; i++) {
            short[] one = heard.get(heard.size() - count + i);
            System.arraycopy(one, 0, all, i * frame, Math.min(frame, one.length));
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
