package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Room;
import org.confbridge.media.Tone;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room with G.722, Opus and G.711 members, heard through real RTP on loopback and decoded by each phone's own
 * codec: the room mixes at 16 kHz, a 6 kHz tone passes between the wideband phones and is filtered (not folded
 * to 2 kHz) for the G.711 phone, and the room goes back to 8 kHz when the wideband members leave.
 */
class WidebandMixingTest {
    private static final double HEARD = 0.1;
    private static final double NOT_HEARD = 0.01;
    private static final int WIDE = 16000;
    private static final int NARROW = 8000;

    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private Room roomOf(AudioCodec... codecs) throws Exception {
        fixture = new EngineFixture();
        Room room = fixture.engine.createRoom("wide");
        for (AudioCodec codec : codecs) {
            MediaLeg leg = fixture.addParticipant(codec);
            room.join(leg, JoinOptions.DEFAULT);
        }
        return room;
    }

    @Test
    void sixKilohertzPassesBetweenWidebandPhonesAndIsFilteredForG711() throws Exception {
        roomOf(AudioCodec.G722, AudioCodec.OPUS, AudioCodec.PCMU);

        fixture.talk(25, 6000, 0, 0);
        short[] opusHears = fixture.phone(1).lastHeard(10);
        short[] g711Hears = fixture.phone(2).lastHeard(10);
        assertThat(Signals.share(opusHears, 6000, WIDE)).as("Opus phone hears G.722's 6 kHz").isGreaterThan(HEARD);
        assertThat(Signals.meanEnergy(g711Hears)).as("G.711 phone: 6 kHz removed, nothing folded down")
                .isLessThan(Signals.meanEnergy(opusHears) / 1000);

        fixture.talk(25, 0, 6000, 0);
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), 6000, WIDE)).as("G.722 phone hears Opus's 6 kHz")
                .isGreaterThan(HEARD);
    }

    @Test
    void everyoneHearsEveryoneElseAcrossCodecsAndNotThemselves() throws Exception {
        roomOf(AudioCodec.G722, AudioCodec.OPUS, AudioCodec.PCMU);

        fixture.talk(25, 700, 1300, 440);
        short[] g722 = fixture.phone(0).lastHeard(10);
        short[] opus = fixture.phone(1).lastHeard(10);
        short[] g711 = fixture.phone(2).lastHeard(10);
        assertThat(Signals.share(g722, 1300, WIDE)).isGreaterThan(HEARD);
        assertThat(Signals.share(g722, 440, WIDE)).isGreaterThan(HEARD);
        assertThat(Signals.share(g722, 700, WIDE)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(opus, 700, WIDE)).isGreaterThan(HEARD);
        assertThat(Signals.share(opus, 440, WIDE)).isGreaterThan(HEARD);
        assertThat(Signals.share(opus, 1300, WIDE)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(g711, 700, NARROW)).isGreaterThan(HEARD);
        assertThat(Signals.share(g711, 1300, NARROW)).isGreaterThan(HEARD);
        assertThat(Signals.share(g711, 440, NARROW)).isLessThan(NOT_HEARD);
    }

    @Test
    void silentWidebandListenersShareTheEncodedMixAndStillDecodeIt() throws Exception {
        roomOf(AudioCodec.PCMU, AudioCodec.OPUS, AudioCodec.OPUS, AudioCodec.G722, AudioCodec.G722);

        fixture.talk(25, 440, 0, 0, 0, 0);
        for (int listener = 1; listener <= 4; listener++) {
            assertThat(Signals.share(fixture.phone(listener).lastHeard(10), 440, WIDE))
                    .as("listener %d (%s)", listener, fixture.phone(listener).codec).isGreaterThan(HEARD);
        }
    }

    @Test
    void aRoomPromptReachesWidebandAndNarrowbandMembers() throws Exception {
        Room room = roomOf(AudioCodec.G722, AudioCodec.PCMA);
        room.playToAll(PlayRequest.of(Announcement.tone(Tone.BEEP)));

        fixture.talk(10, 0, 0);
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(10))).as("G.722 member hears the beep")
                .isGreaterThan(1_000_000);
        assertThat(Signals.meanEnergy(fixture.phone(1).lastHeard(10))).as("G.711 member hears the beep")
                .isGreaterThan(1_000_000);
    }

    @Test
    void theRoomReturnsToNarrowbandWhenTheWidebandMemberLeaves() throws Exception {
        Room room = roomOf(AudioCodec.PCMU, AudioCodec.PCMA, AudioCodec.G722);
        fixture.talk(5, 440, 0, 0);
        room.leave(fixture.legs.get(2));

        fixture.talk(20, 440, 1000, 0);
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), 1000, NARROW)).isGreaterThan(HEARD);
        assertThat(Signals.share(fixture.phone(1).lastHeard(10), 440, NARROW)).isGreaterThan(HEARD);
    }

    @Test
    void keysWorkOnAnOpusLegBothWaysAndOutboundEventsCountIn48kHzUnits() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.OPUS);
        java.util.concurrent.ConcurrentLinkedQueue<Character> digits = new java.util.concurrent.ConcurrentLinkedQueue<>();
        leg.setListener(new org.confbridge.media.MediaLegListener() {
            @Override
            public void onDigit(char digit) {
                digits.add(digit);
            }
        });
        TestPhone phone = fixture.phone(0);
        phone.pressKey(1, leg.localPort());
        fixture.awaitReceived(new long[] {6});
        assertThat(digits).containsExactly('1');

        leg.sendDigits("5");
        for (int i = 0; i < 10; i++) {
            fixture.engine.advance(1);
            phone.receiveOne();
        }
        org.confbridge.media.rtp.RtpPacket parsed = new org.confbridge.media.rtp.RtpPacket();
        int lastDuration = 0;
        for (byte[] packet : phone.eventPackets()) {
            parsed.parse(packet, packet.length);
            int at = parsed.payloadOffset();
            lastDuration = ((packet[at + 2] & 0xFF) << 8) | (packet[at + 3] & 0xFF);
        }
        assertThat(phone.eventPackets()).isNotEmpty();
        assertThat(lastDuration).as("100 ms at the 48 kHz RTP clock of Opus").isEqualTo(4800);
    }

    @Test
    void aWidebandLegIsRecordedAt16kHzWithItsHighFrequencies() throws Exception {
        roomOf(AudioCodec.G722, AudioCodec.PCMU);
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("wideband-recording").resolve("g722.wav");
        org.confbridge.media.Recording recording = fixture.legs.get(0).record(file,
                org.confbridge.media.RecordingOptions.leg(false, java.time.Duration.ofMinutes(1)));
        fixture.talk(30, 6000, 440);
        recording.stop();
        fixture.engine.advance(1);
        org.confbridge.media.RecordingResult result = recording.completion().toCompletableFuture()
                .get(2, java.util.concurrent.TimeUnit.SECONDS);

        try (javax.sound.sampled.AudioInputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(
                result.file().toFile())) {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(16000f);
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            short[] middle = java.util.Arrays.copyOfRange(samples, samples.length / 4, samples.length * 3 / 4);
            assertThat(Signals.share(middle, 6000, WIDE)).as("the G.722 caller's 6 kHz is in its recording")
                    .isGreaterThan(0.8);
        }
    }

    @Test
    void aRecordingStartedBeforeTheAnswerTakesTheRateOfTheCodecAnswered() throws Exception {
        fixture = new EngineFixture();
        MediaLeg invited = fixture.engine.allocateLeg(); // an invitation: the leg exists before the callee answers
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("early-recording").resolve("invited.wav");
        org.confbridge.media.Recording recording = invited.record(file,
                org.confbridge.media.RecordingOptions.leg(false, java.time.Duration.ofMinutes(1)));
        fixture.engine.advance(1);
        TestPhone phone = new TestPhone(AudioCodec.G722, 0x2000);
        invited.update(phone.media());
        fixture.phones.add(phone);
        fixture.legs.add(invited);

        fixture.talk(20, 6000);
        recording.stop();
        fixture.engine.advance(1);
        org.confbridge.media.RecordingResult result = recording.completion().toCompletableFuture()
                .get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.end()).as("not cut off by the answer").isEqualTo(org.confbridge.media.RecordingEnd.STOPPED);
        assertThat(result.length()).isGreaterThan(java.time.Duration.ofMillis(300));
        try (javax.sound.sampled.AudioInputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(
                result.file().toFile())) {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(16000f);
        }
    }
}
