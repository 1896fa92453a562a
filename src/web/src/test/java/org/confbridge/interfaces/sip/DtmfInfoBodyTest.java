package org.confbridge.interfaces.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfInfoBodyTest {

    @ParameterizedTest
    @CsvSource({"5,5", "*,*", "#,#", "a,A", "D,D", "10,*", "11,#", "' 7 ',7"})
    void dtmfRelaySignalIsTheKey(String signal, char key) {
        assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=" + signal + "\r\nDuration=160\r\n"))
                .isEqualTo(key);
    }

    @Test
    void signalLineMayComeAfterOthersAndIgnoresCase() {
        assertThat(DtmfInfoBody.parse("Application/DTMF-Relay; charset=us-ascii", "Duration=100\nsignal= 9\n"))
                .isEqualTo('9');
    }

    @Test
    void plainDtmfBodyIsTheKeyItself() {
        assertThat(DtmfInfoBody.parse("application/dtmf", "#\r\n")).isEqualTo('#');
        assertThat(DtmfInfoBody.parse("application/dtmf", "0")).isEqualTo('0');
    }

    @ParameterizedTest
    @CsvSource({"'Signal=Z\r\nDuration=160'", "'Duration=160'", "'Signal=12'", "'Signal='"})
    void badRelayBodiesAreRefusedWithAReason(String body) {
        assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
    }

    @Test
    void emptyOrMultiKeyPlainBodiesAreRefused() {
        assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf", "")).hasMessage("empty DTMF body");
        assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf", "12")).hasMessageContaining("'12'");
    }

    @Test
    void onlyTheTwoDtmfContentTypesAreAccepted() {
        assertThat(DtmfInfoBody.accepts("application/dtmf-relay")).isTrue();
        assertThat(DtmfInfoBody.accepts("application/dtmf;x=1")).isTrue();
        assertThat(DtmfInfoBody.accepts("text/plain")).isFalse();
        assertThat(DtmfInfoBody.accepts(null)).isFalse();
    }
}
