package org.confbridge.media;

import java.util.List;

/**
 * What to play and how.
 *
 * @param items played one after the other
 * @param loop start again after the last item until stopped (music on hold)
 * @param interrupt stop whatever this target is playing (and drop its queue) before starting;
 *                  otherwise the request waits behind earlier ones
 */
public record PlayRequest(List<Announcement> items, boolean loop, boolean interrupt) {
    public PlayRequest {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to play");
        }
    }

    /** Plays the items once, after anything already queued. */
    public static PlayRequest of(Announcement... items) {
        return new PlayRequest(List.of(items), false, false);
    }

    /** The same items, repeated until stopped. */
    public PlayRequest looped() {
        return new PlayRequest(items, true, interrupt);
    }

    /** The same items, cutting off what is playing now. */
    public PlayRequest interrupting() {
        return new PlayRequest(items, loop, true);
    }
}
