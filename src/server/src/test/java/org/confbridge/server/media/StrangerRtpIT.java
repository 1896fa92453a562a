package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.rtp.AudioMark;
import org.confbridge.testkit.rtp.G711;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stranger who guesses a caller's RTP port is neither heard by the conference nor able to cut the real
 * caller off: the leg accepts media from the caller's SDP address only (or a latch from the caller's SIP
 * address), never switching to whoever sends.
 */
@ExtendWith(SharedServer.class)
class StrangerRtpIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;
    private static final double STRANGER = 1300;
    private static final Duration HEAR = Duration.ofSeconds(8);

    @Test
    void aStrangerSendingToACallersPortIsNotHeardAndCutsNobodyOff(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start();
             DatagramSocket elsewhere = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.9"), 0));
             DatagramSocket sameHost = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Call alice = fixture.dial(phone, conference, ALICE);
            Call bob = fixture.dial(phone, conference, BOB);
            assertThat(alice.audio().awaitTone(BOB, HEARD_DBFS, HEAR)).isTrue();
            assertThat(bob.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).isTrue();
            int bobsPort = ConferenceFixture.serverRtpPort(bob);

            AudioMark from = AudioMark.now();
            // Two seconds of a loud tone at Bob's port, from another host and from another port of his host.
            byte[] pcmu = toneFrame(STRANGER);
            for (int seq = 0; seq < 100; seq++) {
                for (DatagramSocket stranger : new DatagramSocket[] {elsewhere, sameHost}) {
                    byte[] packet = rtp(seq, seq * 160L, 0x5157A4E5, pcmu);
                    stranger.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), bobsPort));
                }
                Thread.sleep(20);
            }
            AudioMark to = AudioMark.now();

            assertThat(alice.audio().hearsToneBetween(STRANGER, HEARD_DBFS, from, to))
                    .as("the room never hears the stranger").isFalse();
            assertThat(alice.audio().hearsToneBetween(BOB, HEARD_DBFS, from, to))
                    .as("Bob is still heard while the stranger sends").isTrue();
            assertThat(bob.audio().hearsToneBetween(ALICE, HEARD_DBFS, from, to))
                    .as("Bob still hears the room").isTrue();
            alice.hangup();
            bob.hangup();
        }
    }

    /** 20 ms of a sine at -10 dBFS in G.711 mu-law. */
    private static byte[] toneFrame(double hz) {
        byte[] frame = new byte[160];
        for (int i = 0; i < 160; i++) {
            frame[i] = G711.ULAW.encode((short) (10000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        return frame;
    }

    private static byte[] rtp(int seq, long timestamp, int ssrc, byte[] payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = 0; // PCMU
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }
}
