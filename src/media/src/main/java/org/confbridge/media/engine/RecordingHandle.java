package org.confbridge.media.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.confbridge.media.Recording;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingResult;

/** A recording as seen by the caller; stopping is a command to the mixer. */
final class RecordingHandle implements Recording {
    private final Leg leg;
    private final CompletableFuture<RecordingResult> completion = new CompletableFuture<>();

    RecordingHandle(Leg leg) {
        this.leg = leg;
    }

    @Override
    public void stop() {
        leg.endRecordingLater(this, RecordingEnd.STOPPED);
    }

    @Override
    public CompletionStage<RecordingResult> completion() {
        return completion.minimalCompletionStage();
    }

    /** Event thread: the file is complete. */
    void complete(RecordingResult result) {
        completion.complete(result);
    }
}
