package org.confbridge.server.logging;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The JDK's one-line format (pattern from {@code java.util.logging.SimpleFormatter.format}), made safe for
 * hostile input: a dump of raw bytes ({@code [73, 78, 86, ...]}, as the SIP stack writes an unparsable
 * datagram) is replaced by its length, control characters are escaped, and a record is cut at
 * {@value #MAX_CHARS} characters.
 */
public final class SafeFormatter extends SimpleFormatter {

    static final int MAX_CHARS = 8192;

    static final int MIN_DUMP = 16;

    @Override
    public String format(LogRecord record) {
        return cut(super.format(record));
    }

    @Override
    public String formatMessage(LogRecord record) {
        return clean(super.formatMessage(record));
    }

    /** Removes byte dumps and control characters (other than line breaks and tabs) from a message. */
    public static String clean(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_CHARS + 64));
        int i = 0;
        while (i < message.length() && out.length() <= MAX_CHARS) {
            char c = message.charAt(i);
            int dumpEnd = c == '[' ? byteDumpEnd(message, i) : -1;
            if (dumpEnd > 0) {
                int bytes = 1;
                for (int k = i; k < dumpEnd; k++) {
                    bytes += message.charAt(k) == ',' ? 1 : 0;
                }
                out.append('[').append(bytes).append(" bytes not logged]");
                i = dumpEnd + 1;
                continue;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
            i++;
        }
        if (i < message.length()) {
            out.append(" ... (").append(message.length() - i).append(" more characters not logged)");
        }
        return out.toString();
    }

    /**
     * Index of the closing bracket when {@code text} has at {@code open} a bracketed list of at least
     * {@value #MIN_DUMP} small integers ("[73, 78, -1, ...]", as Arrays.toString prints a byte array); else -1.
     */
    private static int byteDumpEnd(String text, int open) {
        int numbers = 0;
        int digits = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return -1;
                }
            } else if (c == '-' && digits == 0) {
                continue;
            } else if (c == ',' || c == ']') {
                if (digits == 0) {
                    return -1;
                }
                numbers++;
                digits = 0;
                if (c == ']') {
                    return numbers >= MIN_DUMP ? i : -1;
                }
            } else if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + " ... (" + (text.length() - MAX_CHARS) + " more characters not logged)"
                + System.lineSeparator();
    }
}
