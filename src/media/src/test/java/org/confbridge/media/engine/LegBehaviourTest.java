package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.dtmf.TelephoneEventReceiver;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One leg over real loopback UDP: DTMF, bad packets, symmetric RTP, hold, ports, timeouts. */
class LegBehaviourTest {
    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void rfc4733DigitsArriveOnceEachDespiteRetransmittedEndPackets() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        ConcurrentLinkedQueue<Character> digits = new ConcurrentLinkedQueue<>();
        leg.setListener(new MediaLegListener() {
            @Override
            public void onDigit(char digit) {
                digits.add(digit);
            }
        });
        TestPhone phone = fixture.phone(0);

        phone.pressKey(1, leg.localPort());
        phone.pressKey(11, leg.localPort()); // '#'
        phone.pressKey(1, leg.localPort());  // same key again: a new press, new timestamp
        // every packet: 3 presses x 6 packets
        fixture.awaitReceived(new long[] {18});

        assertThat(digits).containsExactly('1', '#', '1');
    }

    @Test
    void inBandKeyTonesAreDetectedWhenEnabled() throws Exception {
        fixture = new EngineFixture(EngineFixture.baseConfig().withInbandDtmf(true));
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMA);
        ConcurrentLinkedQueue<Character> digits = new ConcurrentLinkedQueue<>();
        leg.setListener(new MediaLegListener() {
            @Override
            public void onDigit(char digit) {
                digits.add(digit);
            }
        });
        java.util.List<short[]> frames = new ArrayList<>();
        int sample = 0;
        for (int f = 0; f < 12; f++) {
            short[] frame = new short[160];
            boolean tone = f < 5; // '6' (770 + 1477 Hz) for 100 ms, then silence
            for (int i = 0; i < 160; i++, sample++) {
                frame[i] = tone ? (short) Math.round(2500 * (Math.sin(2 * Math.PI * 770 * sample / 8000)
                        + Math.sin(2 * Math.PI * 1477 * sample / 8000))) : 0;
            }
            frames.add(frame);
        }
        for (short[] frame : frames) {
            fixture.step(java.util.List.of(frame));
        }

        assertThat(digits).containsExactly('6');
    }

    @Test
    void badPacketsAreDroppedAndCountedWhileAudioGoesOn() throws Exception {
        fixture = new EngineFixture(EngineFixture.portPerCallConfig()); // a stranger's packet counts on the leg whose port it hit
        MediaLeg a = fixture.addParticipant(AudioCodec.PCMU);
        MediaLeg b = fixture.addParticipant(AudioCodec.PCMU);
        var room = fixture.engine.createRoom("r");
        room.join(a, org.confbridge.media.JoinOptions.DEFAULT);
        room.join(b, org.confbridge.media.JoinOptions.DEFAULT);
        fixture.talk(5, 450, 0); // latch on A's phone
        TestPhone phone = fixture.phone(0);
        int port = a.localPort();

        phone.send(new byte[5], port);                                        // short
        byte[] wrongVersion = phone.packet(false, 0, 1, new byte[160]);
        wrongVersion[0] = (byte) 0x40;
        phone.send(wrongVersion, port);                                       // version 1
        phone.send(phone.packet(false, 18, 1, new byte[20]), port);           // G.729: not negotiated
        phone.send(phone.packet(false, 0, 1, new byte[1400]), port);          // huge
        byte[] badCsrc = phone.packet(false, 0, 1, new byte[4]);
        badCsrc[0] = (byte) 0x8F;                                            // 15 CSRCs in 4 bytes
        phone.send(badCsrc, port);
        try (TestPhone stranger = new TestPhone(AudioCodec.PCMU, 0x666)) {
            stranger.sendFrame(Signals.toneFrame(1900, 0, 6000), port);      // someone else's audio
        }
        fixture.awaitDropped(0, 6);

        var dropped = a.stats().dropped();
        assertThat(dropped).containsEntry("SHORT", 1L).containsEntry("BAD_VERSION", 1L)
                .containsEntry("UNKNOWN_PAYLOAD_TYPE", 1L).containsEntry("HUGE", 1L)
                .containsEntry("MALFORMED", 1L).containsEntry("STRANGER", 1L);
        fixture.talk(15, 450, 0);
        short[] heardByB = fixture.phone(1).lastHeard(10);
        assertThat(Signals.share(heardByB, 450)).isGreaterThan(0.9);
        assertThat(Signals.share(heardByB, 1900)).isLessThan(0.01);
    }

    @Test
    void sendsToTheSdpAddressUntilPacketsArriveThenToWhereTheyComeFrom() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        TestPhone sdpPhone = fixture.phone(0);
        fixture.engine.advance(1);
        assertThat(sdpPhone.receiveOne()).isNotNull(); // before any packet: to the SDP address

        try (TestPhone natted = new TestPhone(AudioCodec.PCMU, 0x42)) {
            natted.sendFrame(Signals.toneFrame(450, 0, 6000), leg.localPort());
            fixture.awaitReceived(new long[] {1});
            fixture.engine.advance(1);
            natted.receiveOne(); // now to the NAT's public address
            assertThat(sdpPhone.hasPending(50)).isFalse();
        }
    }

    @Test
    void reInviteWithANewAddressIsFollowed() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        fixture.talk(3, 450); // latched on the first phone
        try (TestPhone moved = new TestPhone(AudioCodec.PCMA, 0x77)) {
            leg.update(moved.media());

            fixture.engine.advance(1);

            assertThat(moved.receiveOne()).isNotNull();
            assertThat(fixture.phone(0).hasPending(50)).isFalse();
            moved.sendFrame(Signals.toneFrame(450, 0, 6000), leg.localPort());
            fixture.awaitReceived(new long[] {4}); // the new address is accepted, not a stranger
            assertThat(leg.stats().dropped()).doesNotContainKey("STRANGER");
        }
    }

    @Test
    void heldLegSendsNothingAndResumes() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        TestPhone phone = fixture.phone(0);
        leg.update(phone.media(MediaDirection.RECVONLY)); // remote sent a=sendonly

        fixture.engine.advance(3);
        assertThat(phone.hasPending(50)).isFalse();

        leg.update(phone.media(MediaDirection.SENDRECV));
        fixture.engine.advance(1);
        assertThat(phone.receiveOne()).isNotNull();
    }

    @Test
    void portIsReleasedOnClose() throws Exception {
        fixture = new EngineFixture(EngineFixture.portPerCallConfig());
        MediaLeg leg = fixture.engine.allocateLeg();
        int port = leg.localPort();
        assertThat(fixture.engine.stats().rtpPortsInUse()).isEqualTo(1);

        leg.close();

        assertThat(fixture.engine.stats().rtpPortsInUse()).isZero();
        assertThat(fixture.engine.stats().legs()).isZero();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(socket.getLocalPort()).isEqualTo(port); // the OS has the port back
        }
    }

    @Test
    void everyAllocatedPortIsEvenAndInRange() throws Exception {
        var config = EngineFixture.portPerCallConfig();
        fixture = new EngineFixture(config);
        List<MediaLeg> legs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            legs.add(fixture.engine.allocateLeg());
        }
        assertThat(legs).allSatisfy(leg -> {
            assertThat(leg.localPort() % 2).isZero();
            assertThat(leg.localPort()).isBetween(config.rtpPortMin(), config.rtpPortMax());
        });
        assertThat(legs.stream().mapToInt(MediaLeg::localPort).distinct().count()).isEqualTo(10);
        legs.forEach(MediaLeg::close);
        assertThat(fixture.engine.stats().rtpPortsInUse()).isZero();
    }

    @Test
    void mediaTimeoutFiresOnceForASilentCallButNotOnHold() throws Exception {
        fixture = new EngineFixture(Duration.ofMillis(150));
        MediaLeg silent = fixture.addParticipant(AudioCodec.PCMU);
        MediaLeg held = fixture.addParticipant(AudioCodec.PCMU);
        held.update(fixture.phone(1).media(MediaDirection.RECVONLY));
        AtomicInteger silentTimeouts = new AtomicInteger();
        AtomicInteger heldTimeouts = new AtomicInteger();
        silent.setListener(new MediaLegListener() {
            @Override
            public void onMediaTimeout() {
                silentTimeouts.incrementAndGet();
            }
        });
        held.setListener(new MediaLegListener() {
            @Override
            public void onMediaTimeout() {
                heldTimeouts.incrementAndGet();
            }
        });

        fixture.engine.advance(50);
        assertThat(silentTimeouts).hasValue(0); // not yet 150 ms
        Thread.sleep(200);
        fixture.engine.advance(100);

        assertThat(silentTimeouts).hasValue(1);
        assertThat(heldTimeouts).hasValue(0);
    }

    @Test
    void outboundDigitsAreSentAsRfc4733EventsAndDecodeToTheSameKeys() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        TestPhone phone = fixture.phone(0);

        leg.sendDigits("5#");
        for (int i = 0; i < 24; i++) {
            fixture.engine.advance(1);
            phone.receiveOne();
        }

        List<Character> decoded = new ArrayList<>();
        TelephoneEventReceiver receiver = new TelephoneEventReceiver(decoded::add);
        RtpPacket parsed = new RtpPacket();
        int markers = 0;
        int ends = 0;
        for (byte[] packet : phone.eventPackets()) {
            parsed.parse(packet, packet.length);
            markers += parsed.marker() ? 1 : 0;
            ends += (packet[parsed.payloadOffset() + 1] & 0x80) != 0 ? 1 : 0;
            receiver.onEventPacket(parsed.timestamp(), packet, parsed.payloadOffset(), parsed.payloadLength());
        }
        assertThat(decoded).containsExactly('5', '#');
        assertThat(markers).isEqualTo(2);
        assertThat(ends).isEqualTo(6);                  // the end packet three times per key
        assertThat(phone.eventPackets()).hasSize(14);  // per key: 4 updates + 3 end packets
    }

    @Test
    void closedEngineReleasesEveryPort() throws Exception {
        fixture = new EngineFixture(EngineFixture.portPerCallConfig());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(fixture.addParticipant(AudioCodec.PCMU).localPort());
        }
        fixture.engine.close();
        for (int port : ports) {
            try (var channel = java.nio.channels.DatagramChannel.open()) {
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        assertThat(fixture.engine.stats().rtpPortsInUse()).isZero();
    }
}
