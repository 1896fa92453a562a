package org.confbridge.media.dtmf;

/** Mapping between RFC 4733 event codes 0..15 and DTMF characters. */
public final class DtmfDigits {
    private static final String DIGITS = "0123456789*#ABCD";

    private DtmfDigits() {
    }

    /** The character for an event code, or 0 if the code is not a DTMF key. */
    public static char forEvent(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }

    /** The event code for a DTMF character (case-insensitive), or -1. */
    public static int eventFor(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }
}
