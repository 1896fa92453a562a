package org.confbridge.testkit.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RTP session against a raw UDP socket: exact RFC 4733 packet sequence, and bad input dropped. */
class RtpSessionTest {

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
    void localPortIsEven() {
        assertThat(session.localPort() % 2).isZero();
    }

    @Test
    void keyIsSentAsRfc4733EventWithMarkerUpdatesAndThreeEnds() throws Exception {
        session.setTarget(new RtpSession.Target((InetSocketAddress) peer.getLocalSocketAddress(), 0, EVENT_PT));
        session.startSending();
        List<RtpPacket> packets = receive(5); // some audio first
        var done = session.sendEvent('5', Duration.ofMillis(100));
        done.get();
        packets.addAll(receive(25));

        List<RtpPacket> events = packets.stream().filter(p -> p.payloadType() == EVENT_PT).toList();
        assertThat(events).hasSize(5 + 3);
        long eventTimestamp = events.get(0).timestamp();
        assertThat(events).allMatch(p -> p.timestamp() == eventTimestamp);
        assertThat(events.get(0).marker()).isTrue();
        assertThat(events.subList(1, events.size())).noneMatch(RtpPacket::marker);
        int[] durations = events.stream().mapToInt(p -> TelephoneEvent.parse(p.payload()).duration()).toArray();
        assertThat(durations).containsExactly(160, 320, 480, 640, 800, 800, 800, 800);
        assertThat(events.stream().map(p -> TelephoneEvent.parse(p.payload()).end()))
                .containsExactly(false, false, false, false, false, true, true, true);
        assertThat(events).allMatch(p -> TelephoneEvent.parse(p.payload()).key() == '5');

        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xffff);
        }
        RtpPacket lastAudioBefore = packets.get(packets.indexOf(events.get(0)) - 1);
        assertThat(eventTimestamp - lastAudioBefore.timestamp()).isEqualTo(160);
        RtpPacket firstAudioAfter = packets.get(packets.indexOf(events.get(7)) + 1);
        assertThat(firstAudioAfter.payloadType()).isZero();
        assertThat(firstAudioAfter.marker()).as("audio after an event restarts a talkspurt").isTrue();
        assertThat(firstAudioAfter.timestamp() - eventTimestamp).isEqualTo(8 * 160);
    }

    @Test
    void malformedAndForeignPacketsAreCountedAndDropped() throws Exception {
        InetSocketAddress to = new InetSocketAddress(loopback, session.localPort());
        send(new byte[] {1, 2, 3}, to);                                           // too short
        byte[] version1 = new RtpPacket(false, 0, 1, 0, 1, new byte[160]).toBytes();
        version1[0] = 0x40;
        send(version1, to);                                                        // RTP version 1
        send(new RtpPacket(false, 18, 2, 0, 1, new byte[20]).toBytes(), to);       // G.729: not ours
        send(new RtpPacket(false, 0, 3, 160, 1, new byte[160]).toBytes(), to);     // a good PCMU frame
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (session.audio().frameCount() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(session.audio().frameCount()).isEqualTo(1);
        assertThat(session.invalidPackets()).isEqualTo(2);
        assertThat(session.unexpectedPackets()).isEqualTo(1);
    }

    private void send(byte[] data, InetSocketAddress to) throws Exception {
        peer.send(new DatagramPacket(data, data.length, to));
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
