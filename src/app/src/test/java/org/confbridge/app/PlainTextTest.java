package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void acceptsVisibleTextInAnyScript() {
        assertThat(PlainText.isPlain("Équipe ventes 1")).isTrue();
        assertThat(PlainText.isPlain("\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627")).isTrue();
        assertThat(PlainText.isPlain("\uD83D\uDE00 emoji")).isTrue();
        assertThat(PlainText.isPlain("")).isTrue();
        assertThat(PlainText.isPlain(null)).isTrue();
    }

    @Test
    void refusesControlsSeparatorsLoneSurrogatesAndBidiControls() {
        for (String bad : new String[] {"a\u0000", "a\t", "a\n", "a\r", "\u001b[0m", "a\u007F", "a\u0085", "a\u2028",
            "a\u2029", "a\uD800", "a\u061C", "a\u200E", "a\u200F", "a\u202A", "a\u202E", "a\u2066", "a\u2069"}) {
            assertThat(PlainText.isPlain(bad)).as("U+%04X", (int) bad.charAt(bad.length() - 1)).isFalse();
        }
    }

    @Test
    void requireNamesTheFieldAndSanitizedReplacesEachRefusedCharacter() {
        assertThatThrownBy(() -> PlainText.require("label", "x\u202Ey"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("label"));
        assertThat(PlainText.sanitized("evil\u202Egpj.wav\u0000")).isEqualTo("evil_gpj.wav_");
    }
}
