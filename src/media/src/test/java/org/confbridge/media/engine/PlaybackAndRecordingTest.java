package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Playback;
import org.confbridge.media.PlaybackOutcome;
import org.confbridge.media.Recording;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.RecordingResult;
import org.confbridge.media.Room;
import org.confbridge.media.Tone;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Players and recorders, heard and checked through real RTP and real WAV files. */
class PlaybackAndRecordingTest {
    private static final double A = 450;
    private static final double B = 750;

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private MediaLeg a;
    private MediaLeg b;
    private Room room;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture();
        a = fixture.addParticipant(AudioCodec.PCMU);
        b = fixture.addParticipant(AudioCodec.PCMA);
        room = fixture.engine.createRoom("r");
        room.join(a, JoinOptions.DEFAULT);
        room.join(b, JoinOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void monoRecordingHoldsWhatTheParticipantSays() throws Exception {
        Recording recording = a.record(dir.resolve("a.wav"), RecordingOptions.leg(false, Duration.ofMinutes(1)));
        fixture.talk(30, A, B);
        recording.stop();
        fixture.engine.advance(1);

        RecordingResult result = recording.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(result.end()).isEqualTo(RecordingEnd.STOPPED);
        short[][] channels = readWav(result.file(), 1);
        assertThat(Signals.share(channels[0], A)).isGreaterThan(0.8);
        assertThat(Signals.share(channels[0], B)).isLessThan(0.01);
        assertThat(result.length()).isBetween(Duration.ofMillis(580), Duration.ofMillis(640));
    }

    @Test
    void stereoRecordingHasWhatTheySayLeftAndWhatTheyHearRight() throws Exception {
        Recording recording = a.record(dir.resolve("a2.wav"), RecordingOptions.leg(true, Duration.ofMinutes(1)));
        fixture.talk(30, A, B);
        recording.stop();
        fixture.engine.advance(1);

        RecordingResult result = recording.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
        short[][] channels = readWav(result.file(), 2);
        assertThat(Signals.share(channels[0], A)).isGreaterThan(0.8);
        assertThat(Signals.share(channels[1], B)).isGreaterThan(0.8);
        assertThat(Signals.share(channels[1], A)).isLessThan(0.01);
    }

    @Test
    void nameRecordingEndsOnHashWhichIsNotReportedAsAKey() throws Exception {
        ConcurrentLinkedQueue<Character> digits = new ConcurrentLinkedQueue<>();
        a.setListener(new MediaLegListener() {
            @Override
            public void onDigit(char digit) {
                digits.add(digit);
            }
        });
        Recording recording = a.record(dir.resolve("name.wav"), RecordingOptions.name(Duration.ofSeconds(5)));
        fixture.talk(10, A, 0);
        fixture.phone(0).pressKey(11, a.localPort());
        fixture.awaitReceived(new long[] {16, 0});
        fixture.engine.advance(1);

        RecordingResult result = recording.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(result.end()).isEqualTo(RecordingEnd.HASH);
        assertThat(result.speechDetected()).isTrue();
        assertThat(digits).isEmpty();
        assertThat(Signals.share(readWav(result.file(), 1)[0], A)).isGreaterThan(0.5);
    }

    @Test
    void nameRecordingEndsOnSilenceAfterSpeech() throws Exception {
        Recording recording = a.record(dir.resolve("name.wav"),
                new RecordingOptions(false, Duration.ofSeconds(5), true, Duration.ofMillis(200)));
        fixture.talk(10, A, 0);
        fixture.talk(20, 0, 0);

        RecordingResult result = recording.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(result.end()).isEqualTo(RecordingEnd.SILENCE);
        // 10 frames of speech + 10 frames of silence until the rule fires (plus jitter-buffer delay)
        assertThat(result.length()).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void nameRecordingEndsAtMaxLength() throws Exception {
        Recording recording = a.record(dir.resolve("name.wav"), RecordingOptions.name(Duration.ofMillis(300)));
        fixture.talk(20, A, 0);

        RecordingResult result = recording.completion().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(result.end()).isEqualTo(RecordingEnd.MAX_LENGTH);
        assertThat(result.length()).isEqualTo(Duration.ofMillis(300));
        assertThat(readWav(result.file(), 1)[0]).hasSize(2400);
    }

    @Test
    void queuedPlaybacksPlayInOrderAndReportCompletion() throws Exception {
        Playback first = a.play(PlayRequest.of(Announcement.pcm(sine(1900, 1600))));
        Playback second = a.play(PlayRequest.of(Announcement.pcm(sine(2300, 1600))));
        fixture.talk(6, 0, 0);
        assertThat(Signals.share(fixture.phone(0).lastHeard(5), 1900)).isGreaterThan(0.9);
        fixture.talk(10, 0, 0);
        assertThat(Signals.share(fixture.phone(0).lastHeard(5), 2300)).isGreaterThan(0.9);
        fixture.talk(6, 0, 0); // 20 frames of audio, the end is seen on the 21st tick

        assertThat(first.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.FINISHED);
        assertThat(second.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.FINISHED);
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(1))).isLessThan(10);
    }

    @Test
    void interruptingPlaybackCutsOffTheQueue() throws Exception {
        Playback long1 = a.play(PlayRequest.of(Announcement.pcm(sine(1900, 16000))));
        Playback queued = a.play(PlayRequest.of(Announcement.pcm(sine(1900, 16000))));
        fixture.talk(5, 0, 0);
        Playback urgent = a.play(PlayRequest.of(Announcement.tone(Tone.ERROR)).interrupting());
        fixture.talk(3, 0, 0);

        assertThat(long1.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.INTERRUPTED);
        assertThat(queued.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.INTERRUPTED);
        assertThat(Signals.share(fixture.phone(0).lastHeard(2), 300)).isGreaterThan(0.5);
        fixture.talk(30, 0, 0);
        assertThat(urgent.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.FINISHED);
    }

    @Test
    void musicOnHoldLoopsUntilStopped() throws Exception {
        Playback music = a.play(PlayRequest.of(Announcement.pcm(sine(1900, 800))).looped()); // 100 ms clip
        fixture.talk(30, 0, 0); // 600 ms: six loops
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), 1900)).isGreaterThan(0.9);
        assertThat(music.completion().toCompletableFuture().isDone()).isFalse();

        music.stop();
        fixture.talk(3, 0, 0);
        assertThat(music.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.STOPPED);
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(2))).isLessThan(10);
    }

    @Test
    void builtInPromptIsPlayedAndUnknownPromptFails() throws Exception {
        Playback joined = room.playToAll(PlayRequest.of(Announcement.prompt("has_joined")));
        Playback missing = a.play(PlayRequest.of(Announcement.prompt("no_such_prompt")));
        fixture.talk(30, 0, 0);

        assertThat(missing.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.FAILED);
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(25))).isGreaterThan(10_000);
        assertThat(Signals.meanEnergy(fixture.phone(1).lastHeard(25))).isGreaterThan(10_000);
        fixture.talk(80, 0, 0);
        assertThat(joined.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.FINISHED);
    }

    @Test
    void closingALegEndsItsPlaybackAndRecording() throws Exception {
        Playback music = a.play(PlayRequest.of(Announcement.tone(Tone.RINGBACK)).looped());
        Recording recording = a.record(dir.resolve("c.wav"), RecordingOptions.leg(false, Duration.ofMinutes(1)));
        fixture.talk(3, A, 0);

        a.close();
        fixture.engine.advance(1);

        assertThat(music.completion().toCompletableFuture().getNow(null)).isEqualTo(PlaybackOutcome.CLOSED);
        assertThat(recording.completion().toCompletableFuture().getNow(null).end()).isEqualTo(RecordingEnd.LEG_CLOSED);
        assertThat(room.size()).isEqualTo(1);
    }

    private static short[][] readWav(Path file, int expectedChannels) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(8000f);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getChannels()).isEqualTo(expectedChannels);
            byte[] bytes = in.readAllBytes();
            int frames = bytes.length / (2 * expectedChannels);
            short[][] channels = new short[expectedChannels][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < expectedChannels; c++) {
                    int at = 2 * (i * expectedChannels + c);
                    channels[c][i] = (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
                }
            }
            return channels;
        }
    }

    private static short[] sine(double frequency, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * frequency * i / 8000));
        }
        return out;
    }

}
