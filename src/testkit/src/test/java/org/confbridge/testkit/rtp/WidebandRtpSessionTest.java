package org.confbridge.testkit.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.media.codec.G722Encoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RTP session in G.722 and Opus against a raw UDP socket: payload sizes, timestamps, event durations. */
class WidebandRtpSessionTest {

    private static final int EVENT_PT = 101;

    private InetAddress loopback;
    private RtpSession session;
    private DatagramSocket peer;

    @BeforeEach
    void open() throws Exception {
        loopback = InetAddress.getByName("127.0.0.1");
        session = new RtpSession(loopback, EVENT_PT);
        peer = new DatagramSocket(new InetSocketAddress(loopback, 0));
        peer.setSoTimeout(2000);
    }

    @AfterEach
    void close() {
        session.close();
        peer.close();
    }

    @Test
    void g722IsStaticPayloadType9With160BytesAndTimestampsOf160PerFrame() throws Exception {
        session.setTarget(new RtpSession.Target((InetSocketAddress) peer.getLocalSocketAddress(), 9, EVENT_PT));
        assertThat(session.target().encoding()).isEqualTo(AudioEncoding.G722);
        session.play(AudioSource.tone(6000, -20));
        session.startSending();
        List<RtpPacket> packets = receive(10);
        assertThat(packets).allMatch(p -> p.payloadType() == 9 && p.payload().length == 160);
        assertConsecutiveTimestamps(packets, 160);
        session.sendEvent('1', Duration.ofMillis(60)).get();
        List<RtpPacket> events = receive(10).stream().filter(p -> p.payloadType() == EVENT_PT).toList();
        assertThat(events.stream().mapToInt(p -> TelephoneEvent.parse(p.payload()).duration()))
                .containsExactly(160, 320, 480, 480, 480, 480);
    }

    @Test
    void opusHasTimestampsOf960PerFrameAndEventDurationsInThe48kHzClock() throws Exception {
        session.setTarget(new RtpSession.Target((InetSocketAddress) peer.getLocalSocketAddress(), 111,
                AudioEncoding.OPUS, EVENT_PT));
        session.play(AudioSource.tone(440, -20));
        session.startSending();
        List<RtpPacket> packets = receive(10);
        assertThat(packets).allMatch(p -> p.payloadType() == 111 && p.payload().length > 2 && p.payload().length < 200);
        // TOC byte: one 20 ms frame (SILK wideband config 9, or hybrid/CELT 20 ms configs), mono
        assertThat(packets).allMatch(p -> (p.payload()[0] & 0x04) == 0 && (p.payload()[0] & 0x03) == 0);
        assertConsecutiveTimestamps(packets, 960);
        session.sendEvent('9', Duration.ofMillis(60)).get();
        List<RtpPacket> events = receive(10).stream().filter(p -> p.payloadType() == EVENT_PT).toList();
        assertThat(events.stream().mapToInt(p -> TelephoneEvent.parse(p.payload()).duration()))
                .containsExactly(960, 1920, 2880, 2880, 2880, 2880);
    }

    @Test
    void g722ArrivingIsDecodedAt16kHz() throws Exception {
        G722Encoder encoder = new G722Encoder();
        short[] frame = new short[320];
        byte[] payload = new byte[160];
        InetSocketAddress to = new InetSocketAddress(loopback, session.localPort());
        for (int f = 0; f < 15; f++) {
            for (int i = 0; i < 320; i++) {
                frame[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 5000 * (f * 320 + i) / 16000.0));
            }
            encoder.encode(frame, payload);
            byte[] packet = new RtpPacket(f == 0, 9, f, f * 160L, 7, payload).toBytes();
            peer.send(new DatagramPacket(packet, packet.length, to));
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (session.audio().frameCount() < 15 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(session.audio().sampleRate()).isEqualTo(16000);
        assertThat(session.audio().all().sampleRate()).isEqualTo(16000);
        assertThat(session.audio().all().slice(Duration.ofMillis(100), Duration.ofMillis(200)).toneLevelDbfs(5000))
                .isBetween(-13.0, -11.0);
    }

    @Test
    void opusOnAnUnannouncedDynamicTypeIsUnexpectedAndOnAnAnnouncedOneDecoded() throws Exception {
        InetSocketAddress to = new InetSocketAddress(loopback, session.localPort());
        byte[] silk = {(byte) 0x48, 0x00, 0x00}; // a tiny SILK WB 20 ms frame
        peer.send(packet(new RtpPacket(false, 111, 1, 0, 7, silk).toBytes(), to));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (session.unexpectedPackets() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        session.receive(111, AudioEncoding.OPUS);
        peer.send(packet(new RtpPacket(false, 111, 2, 960, 7, silk).toBytes(), to));
        while (session.audio().frameCount() + session.unexpectedPackets() + session.invalidPackets() < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(session.unexpectedPackets()).isEqualTo(1);
        assertThat(session.audio().frameCount() + session.invalidPackets()).isEqualTo(1);
        assertThatThrownBy(() -> session.receive(9, AudioEncoding.OPUS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpSession.Target(to, 111, EVENT_PT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dynamic");
    }

    private static DatagramPacket packet(byte[] data, InetSocketAddress to) {
        return new DatagramPacket(data, data.length, to);
    }

    private static void assertConsecutiveTimestamps(List<RtpPacket> packets, int step) {
        assertThat(packets).hasSizeGreaterThan(5);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xffff);
            assertThat((packets.get(i).timestamp() - packets.get(i - 1).timestamp()) & 0xffffffffL).isEqualTo(step);
        }
    }

    private List<RtpPacket> receive(int count) throws Exception {
        List<RtpPacket> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        while (out.size() < count) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                peer.receive(d);
            } catch (SocketTimeoutException e) {
                break;
            }
            out.add(RtpPacket.parse(buf, d.getLength()));
        }
        return out;
    }
}
