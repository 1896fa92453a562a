package org.confbridge.interfaces.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Parses the body of an INFO carrying one DTMF key.
 *
 * <ul>
 *   <li>{@code application/dtmf-relay}: lines {@code Signal=5} and {@code Duration=160}; the signal is
 *       a key character, or 10 / 11 for {@code *} / {@code #} as some gateways send;</li>
 *   <li>{@code application/dtmf}: the key itself, optionally followed by a line break.</li>
 * </ul>
 */
final class DtmfInfoBody {

    static final String DTMF_RELAY = "application/dtmf-relay";
    static final String DTMF = "application/dtmf";

    private DtmfInfoBody() {
    }

    /** True when the content type (parameters ignored) is one this parser reads. */
    static boolean accepts(String contentType) {
        String type = baseType(contentType);
        return DTMF_RELAY.equals(type) || DTMF.equals(type);
    }

    /**
     * @return the key in canonical form (0-9, *, #, A-D)
     * @throws IllegalArgumentException with a message for the 400 reason when the body is not one key
     */
    static char parse(String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty DTMF body");
        }
        String type = baseType(contentType);
        if (DTMF_RELAY.equals(type)) {
            return key(signalOf(body).orElseThrow(() -> new IllegalArgumentException("no Signal= line")));
        }
        if (DTMF.equals(type)) {
            return key(body.trim());
        }
        throw new IllegalArgumentException("not a DTMF content type: " + contentType);
    }

    private static Optional<String> signalOf(String body) {
        for (String line : body.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).trim().equalsIgnoreCase("Signal")) {
                return Optional.of(line.substring(equals + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static char key(String signal) {
        switch (signal) {
            case "10":
                return '*';
            case "11":
                return '#';
            default:
                break;
        }
        if (signal.length() != 1) {
            throw new IllegalArgumentException("not a single DTMF key: '" + abbreviate(signal) + "'");
        }
        char key = Character.toUpperCase(signal.charAt(0));
        if ((key >= '0' && key <= '9') || key == '*' || key == '#' || (key >= 'A' && key <= 'D')) {
            return key;
        }
        throw new IllegalArgumentException("not a DTMF key: '" + abbreviate(signal) + "'");
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
