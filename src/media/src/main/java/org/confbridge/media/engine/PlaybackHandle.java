package org.confbridge.media.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.confbridge.media.Playback;
import org.confbridge.media.PlaybackOutcome;
import org.confbridge.media.player.Clip;
import org.confbridge.media.player.PlayQueue;

/** A playback as seen by the caller (stop, completion) and by the play queue (clips, loop). */
final class PlaybackHandle implements Playback, PlayQueue.Entry {
    private final List<Clip> clips;
    private final boolean loop;
    private final Object except;
    private final Executor events;
    private final CompletableFuture<PlaybackOutcome> completion = new CompletableFuture<>();
    private volatile boolean stopRequested;
    private boolean finished; // mixer thread

    PlaybackHandle(List<Clip> clips, boolean loop, Object except, Executor events) {
        this.clips = clips;
        this.loop = loop;
        this.except = except;
        this.events = events;
    }

    /** A playback that could not start: completes with {@code outcome} at once. */
    static PlaybackHandle ended(PlaybackOutcome outcome, Executor events) {
        PlaybackHandle handle = new PlaybackHandle(List.of(), false, null, events);
        handle.finished(outcome);
        return handle;
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    @Override
    public CompletionStage<PlaybackOutcome> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public List<Clip> clips() {
        return clips;
    }

    @Override
    public boolean loop() {
        return loop;
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void finished(PlaybackOutcome outcome) {
        if (!finished) {
            finished = true;
            events.execute(() -> completion.complete(outcome));
        }
    }

    @Override
    public Object except() {
        return except;
    }
}
