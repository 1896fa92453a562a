package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** INFO DTMF bodies as phones send them, including the sloppy ones. */
class InfoDtmfTest {

    @Test
    void relayBodyIsReadWhateverTheLineEndingsAndSpacing() {
        assertThat(InfoDtmf.keyIn("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).isEqualTo("5");
        assertThat(InfoDtmf.keyIn("Application/DTMF-Relay", "Signal= *\nDuration= 250\n")).isEqualTo("*");
        assertThat(InfoDtmf.keyIn("application/dtmf-relay", "Duration=160\r\n")).isNull();
    }

    @Test
    void plainDtmfBodyIsTheKeyItself() {
        assertThat(InfoDtmf.keyIn("application/dtmf", "#\r\n")).isEqualTo("#");
        assertThat(InfoDtmf.keyIn("application/dtmf", "  ")).isNull();
    }

    @Test
    void otherBodiesAreNotDtmf() {
        assertThat(InfoDtmf.keyIn("application/sdp", "Signal=5")).isNull();
        assertThat(InfoDtmf.keyIn(null, "5")).isNull();
    }

    @Test
    void bodiesWeSendParseBack() {
        assertThat(InfoDtmf.relayBody('9', Duration.ofMillis(160))).isEqualTo("Signal=9\r\nDuration=160\r\n");
        assertThat(InfoDtmf.keyIn("application/dtmf-relay", InfoDtmf.relayBody('9', Duration.ofMillis(160))))
                .isEqualTo("9");
    }
}
