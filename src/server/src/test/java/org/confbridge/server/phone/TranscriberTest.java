package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test's ear itself: it must tell every built-in prompt from the others, and tones by frequency. */
class TranscriberTest {

    @Test
    void tellsEveryPromptApartAndTonesByFrequency() {
        List<short[]> parts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String prompt : Transcriber.PROMPTS) {
            parts.add(Transcriber.readPrompt(prompt));
            parts.add(new short[2400]); // 300 ms pause
            expected.add(prompt);
        }
        parts.add(tone(880, 150));
        parts.add(new short[1600]);
        expected.add("tone:880");
        parts.add(Transcriber.readPrompt("say_name"));
        parts.add(tone(880, 150)); // "say your name" then the beep, back to back
        parts.add(new short[1600]);
        expected.add("say_name");
        expected.add("tone:880");

        assertThat(Transcriber.transcribe(concat(parts))).containsExactlyElementsOf(expected);
    }

    @Test
    void framesLostOnTheWayDoNotConfuseIt() {
        List<short[]> parts = new ArrayList<>();
        for (String prompt : List.of("only_participant", "muted", "unmuted", "notifications_off",
                "notifications_on", "locked", "unlocked")) {
            parts.add(Transcriber.readPrompt(prompt));
            parts.add(new short[2400]);
        }
        short[] all = concat(parts);
        // Drop one 20 ms frame in every 40 (2.5 % loss, as a loaded server might skip ticks).
        short[] lossy = new short[all.length];
        int kept = 0;
        for (int frame = 0; frame * 160 < all.length; frame++) {
            if (frame % 40 != 39) {
                int n = Math.min(160, all.length - frame * 160);
                System.arraycopy(all, frame * 160, lossy, kept, n);
                kept += n;
            }
        }
        assertThat(Transcriber.transcribe(java.util.Arrays.copyOf(lossy, kept))).containsExactly("only_participant",
                "muted", "unmuted", "notifications_off", "notifications_on", "locked", "unlocked");
    }

    @Test
    void aPromptCutShortByTheHangUpIsStillRecognised() {
        short[] full = Transcriber.readPrompt("conf_full");
        short[] cut = java.util.Arrays.copyOf(full, full.length - 8 * 150); // the last 150 ms never arrived
        assertThat(Transcriber.transcribe(concat(List.of(Transcriber.readPrompt("pin_request"), cut))))
                .containsExactly("pin_request", "conf_full");
    }

    @Test
    void aPromptStillArrivingIsNotGuessed() {
        short[] muted = Transcriber.readPrompt("only_participant");
        short[] half = java.util.Arrays.copyOf(muted, muted.length / 2);
        assertThat(Transcriber.transcribe(half)).isEmpty();
    }

    static short[] tone(double hz, int millis) {
        short[] pcm = new short[millis * 8];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }

    static short[] concat(List<short[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[n];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
