package org.confbridge.media;

import java.util.concurrent.CompletionStage;

/** A running recording. Thread-safe. */
public interface Recording {
    /** Ends it; the file is complete when {@link #completion()} completes. */
    void stop();

    /** Completes, on the event thread, with the finished file. */
    CompletionStage<RecordingResult> completion();
}
