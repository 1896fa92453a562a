package org.confbridge.interfaces.rest.events;

import java.util.Optional;

/**
 * An event id of the stream, {@code <run>:<sequence>}: the run names the bus (new with each server start),
 * the sequence is the event's place in that run.
 */
record ResumePoint(String run, long sequence) {

    static String idOf(String run, long sequence) {
        return run + ":" + sequence;
    }

    /** Parses a {@code Last-Event-ID}; empty when absent or not of this form. */
    static Optional<ResumePoint> parse(String lastEventId) {
        if (lastEventId == null) {
            return Optional.empty();
        }
        int colon = lastEventId.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            long sequence = Long.parseLong(lastEventId.substring(colon + 1).trim());
            return sequence < 0 ? Optional.empty()
                    : Optional.of(new ResumePoint(lastEventId.substring(0, colon).trim(), sequence));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String id() {
        return idOf(run, sequence);
    }
}
