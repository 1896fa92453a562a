package org.confbridge.interfaces.rest.recording;

import java.util.Optional;

/**
 * A single byte range of a file (RFC 7233 section 2.1): {@code bytes=first-last}, {@code bytes=first-}
 * or {@code bytes=-suffixLength}. Several ranges in one header are not served as multipart: the whole
 * file is sent instead, which the RFC allows.
 */
record ByteRange(long first, long last) {

    /** Thrown for a range that selects nothing of the file (416). */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
    }

    long length() {
        return last - first + 1;
    }

    /**
     * The range asked for in {@code header}, clipped to {@code size}; empty when there is no usable
     * single range (send the whole file).
     *
     * @throws Unsatisfiable when the range starts at or after the end of the file
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.trim().toLowerCase(java.util.Locale.ROOT).startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        if (spec.contains(",")) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first < 0 || (!to.isEmpty() && Long.parseLong(to) < first)) {
                return Optional.empty(); // syntactically invalid: ignore the header
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
