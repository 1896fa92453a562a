package org.confbridge.media;

import java.util.List;

/**
 * Generated tones. Each is a list of segments played once (loop a {@link PlayRequest} for a
 * cadence such as ringback).
 */
public enum Tone {
    /** Short high beep (join, confirmation). */
    BEEP(List.of(new Segment(880, 0, 150))),
    /** Falling two-note beep (leave). */
    LEAVE_BEEP(List.of(new Segment(660, 0, 120), new Segment(440, 0, 150))),
    /** Low buzz (wrong key, error). */
    ERROR(List.of(new Segment(300, 0, 200), new Segment(0, 0, 80), new Segment(300, 0, 200))),
    /** One ringback cadence, ETSI style 425 Hz: 1 s on, 4 s off. */
    RINGBACK(List.of(new Segment(425, 0, 1000), new Segment(0, 0, 4000)));

    /**
     * One part of a tone: up to two frequencies (0 = none) for {@code millis}.
     * Both 0 means a pause.
     */
    public record Segment(double frequency1, double frequency2, int millis) {
    }

    private final List<Segment> segments;

    Tone(List<Segment> segments) {
        this.segments = segments;
    }

    public List<Segment> segments() {
        return segments;
    }
}
