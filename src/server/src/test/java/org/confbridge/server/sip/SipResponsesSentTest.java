package org.confbridge.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a response's status and CSeq method from the bytes the stack sends. */
class SipResponsesSentTest {

    private static void send(SipResponsesSent counts, String message) {
        byte[] bytes = ("xx" + message).getBytes(StandardCharsets.US_ASCII);
        counts.onSent(bytes, 2, bytes.length - 2);
    }

    @Test
    void countsResponsesByCSeqMethodAndStatus() {
        SipResponsesSent counts = new SipResponsesSent();
        send(counts, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        send(counts, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        send(counts, "SIP/2.0 404 Not Found\r\ncseq :  7   BYE\r\n\r\n");
        send(counts, "SIP/2.0 180 Ringing\r\nCSEQ: 2 FOO\r\n\r\n");
        assertThat(counts.getCounts()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("INVITE 200", 2L, "BYE 404", 1L, "OTHER 180", 1L));
    }

    @Test
    void requestsKeepAlivesAndGarbageAreNotCounted() {
        SipResponsesSent counts = new SipResponsesSent();
        send(counts, "INVITE sip:1000@x SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
        send(counts, "\r\n\r\n");
        send(counts, "SIP/2.0 2x0 OK\r\n\r\n");
        send(counts, "SIP/2.0 999 Strange\r\n\r\n");
        send(counts, "SIP/2.0");
        assertThat(counts.getCounts()).isEmpty();
    }

    @Test
    void aResponseWithoutCSeqCountsAsOtherMethod() {
        SipResponsesSent counts = new SipResponsesSent();
        send(counts, "SIP/2.0 400 Bad Request\r\nVia: x\r\n\r\nCSeq: 1 INVITE");
        assertThat(counts.getCounts()).containsExactly(java.util.Map.entry("OTHER 400", 1L));
    }
}
