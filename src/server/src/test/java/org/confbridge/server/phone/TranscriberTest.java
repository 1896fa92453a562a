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
