package org.confbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SafeFormatterTest {

    @Test
    void aByteDumpBecomesItsLength() {
        byte[] buffer = new byte[65536];
        String logged = SafeFormatter.clean("Error while processing incoming UDP packet" + Arrays.toString(buffer));

        assertThat(logged).isEqualTo("Error while processing incoming UDP packet[65536 bytes not logged]");
    }

    @Test
    void shortListsAndOrdinaryBracketsStay() {
        assertThat(SafeFormatter.clean("ports [5060, 5061] and [udp 127.0.0.1:5080]"))
                .isEqualTo("ports [5060, 5061] and [udp 127.0.0.1:5080]");
    }

    @Test
    void controlCharactersAreEscapedAndLongMessagesCut() {
        assertThat(SafeFormatter.clean("a\u001b[31mb\u0000")).isEqualTo("a\\x1b[31mb\\x00");
        String logged = SafeFormatter.clean("x".repeat(100_000));
        assertThat(logged).hasSizeLessThan(SafeFormatter.MAX_CHARS + 100).endsWith("more characters not logged)");
    }
}
