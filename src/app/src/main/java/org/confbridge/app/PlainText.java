package org.confbridge.app;

import java.util.regex.Pattern;

/**
 * The rule for text people read back (labels, titles, names): one line of visible text. Refused:
 * control characters (NUL, C0, DEL, C1, so also tabs and line breaks), line/paragraph separators,
 * unpaired surrogates, and the Unicode bidirectional controls (embeddings, overrides, isolates and
 * marks, U+061C, U+200E/F, U+202A-E, U+2066-9) that make a name display as something it is not.
 */
public final class PlainText {

    /** What is allowed, as a regular expression (also used by Bean Validation on the REST DTOs). */
    public static final String REGEX =
            "[^\\p{Cc}\\p{Zl}\\p{Zp}\\p{Cs}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*";
    public static final String MESSAGE =
            "must be visible text: no control characters (NUL, tab, line breaks) and no bidirectional controls";

    private static final Pattern ALLOWED = Pattern.compile(REGEX);

    private PlainText() {
    }

    public static boolean isPlain(String text) {
        return text == null || ALLOWED.matcher(text).matches();
    }

    /** Throws a 400-mapped {@link InvalidInputException} naming {@code field} when the text is not plain. */
    public static void require(String field, String text) {
        if (!isPlain(text)) {
            throw new InvalidInputException(field, MESSAGE);
        }
    }

    /** The text with every refused character replaced by '_' (for names we keep but did not choose, like file names). */
    public static String sanitized(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(isPlain(new String(Character.toChars(cp))) ? cp : '_'));
        return out.toString();
    }
}
