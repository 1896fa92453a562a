package org.confbridge.media;

import java.util.concurrent.CompletionStage;

/** A queued or running playback. Thread-safe. */
public interface Playback {
    /** Stops it (or removes it from the queue). No effect once it has ended. */
    void stop();

    /** Completes, on the event thread, when the playback has ended. */
    CompletionStage<PlaybackOutcome> completion();
}
