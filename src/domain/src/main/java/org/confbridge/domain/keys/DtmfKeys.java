package org.confbridge.domain.keys;

/** The sixteen DTMF keys (RFC 4733 events 0-15) as characters: {@code 0-9 * # A B C D}. */
public final class DtmfKeys {

    private DtmfKeys() {
    }

    /** True for {@code 0-9}. */
    public static boolean isDigit(char key) {
        return key >= '0' && key <= '9';
    }

    /**
     * Returns the key in canonical form (letters upper case) or throws a clear error for anything
     * that is not a DTMF key, so that adapter bugs surface instead of being silently ignored.
     */
    public static char requireKey(char key) {
        char k = Character.toUpperCase(key);
        if (isDigit(k) || k == '*' || k == '#' || (k >= 'A' && k <= 'D')) {
            return k;
        }
        throw new IllegalArgumentException("not a DTMF key: '" + key + "' (expected 0-9, *, #, A-D)");
    }
}
