package org.confbridge.testkit;

/** How {@link Call#sendDigits} sends keys. */
public enum DtmfMode {
    /** SIP INFO with {@code application/dtmf-relay}: "Signal=5\r\nDuration=160\r\n". */
    INFO_RELAY,
    /** SIP INFO with {@code application/dtmf}: the key alone, "5". */
    INFO_DTMF,
    /** RFC 4733 telephone-event packets in the RTP stream. */
    RFC4733
}
