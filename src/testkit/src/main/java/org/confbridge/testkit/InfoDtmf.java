package org.confbridge.testkit;

import java.time.Duration;
import java.util.Locale;

/**
 * The two SIP INFO DTMF bodies in common use (neither is an RFC; both are what SIP phones send):
 * {@code application/dtmf-relay} "Signal=5\r\nDuration=160\r\n" and {@code application/dtmf} "5".
 */
final class InfoDtmf {

    static final String RELAY = "dtmf-relay";
    static final String PLAIN = "dtmf";

    private InfoDtmf() {
    }

    static String relayBody(char key, Duration duration) {
        return "Signal=" + key + "\r\nDuration=" + duration.toMillis() + "\r\n";
    }

    static String plainBody(char key) {
        return String.valueOf(key);
    }

    /** The key an INFO carries, or null when it is not a DTMF INFO. */
    static String keyIn(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = body.trim();
        if (type.equals("application/" + RELAY)) {
            for (String line : text.split("\r?\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Signal")) {
                    return kv[1].trim().isEmpty() ? null : kv[1].trim();
                }
            }
            return null;
        }
        if (type.equals("application/" + PLAIN)) {
            return text.isEmpty() ? null : text;
        }
        return null;
    }
}
