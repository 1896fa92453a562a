package org.confbridge.media.player;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.confbridge.media.PlaybackOutcome;
import org.confbridge.media.codec.AudioFrames;

/**
 * The playbacks waiting for one target (a leg or a room), played one after another, one frame
 * per tick. Confined to the mixer thread; completion is reported through each entry's callback.
 */
public final class PlayQueue {
    /** One queued playback: its clips, looping, and who should not hear it (room queues only). */
    public interface Entry {
        List<Clip> clips();

        boolean loop();

        /** True once stop was requested from any thread. */
        boolean stopRequested();

        /** Called once, on the mixer thread, when the entry ends. */
        void finished(PlaybackOutcome outcome);

        /** An object to leave out of a room playback (a leg), or null. */
        Object except();
    }

    private final Deque<Entry> waiting = new ArrayDeque<>();
    private final PcmCursor cursor = new PcmCursor();
    private final short[] probe = new short[AudioFrames.FRAME_SAMPLES];
    private int waitingCount; // mirrors waiting.size(): the idle check in read() need not touch the deque
    private Entry current;
    private int clipIndex;
    private AudioSource source;

    /** Queues an entry; an interrupting one first ends the current and all waiting entries. */
    public void add(Entry entry, boolean interrupt) {
        if (interrupt) {
            clear(PlaybackOutcome.INTERRUPTED);
        }
        waiting.add(entry);
        waitingCount++;
    }

    /** Ends every entry with {@code outcome}. */
    public void clear(PlaybackOutcome outcome) {
        if (current != null) {
            current.finished(outcome);
            current = null;
            source = null;
        }
        Entry entry;
        while ((entry = waiting.poll()) != null) {
            entry.finished(outcome);
        }
        waitingCount = 0;
    }

    /** True if something is playing or waiting. */
    public boolean active() {
        return current != null || waitingCount > 0;
    }

    /** The entry being played, or null. */
    public Entry current() {
        return current;
    }

    /** Fills the next frame; false (frame untouched) if nothing is playing. */
    public boolean read(short[] frame) {
        if (current == null && waitingCount == 0) {
            return false; // the common case, kept cheap
        }
        dropStopped();
        while (true) {
            if (current == null) {
                current = waiting.poll();
                if (current == null) {
                    return false;
                }
                waitingCount--;
                clipIndex = 0;
                source = null;
            }
            if (current.stopRequested()) {
                finishCurrent(PlaybackOutcome.STOPPED);
                continue;
            }
            if (source == null) {
                List<Clip> clips = current.clips();
                if (clipIndex >= clips.size()) {
                    if (current.loop() && !clips.isEmpty()) {
                        clipIndex = 0;
                    } else {
                        finishCurrent(PlaybackOutcome.FINISHED);
                        continue;
                    }
                }
                source = open(clips.get(clipIndex++));
            }
            if (source.read(frame)) {
                return true;
            }
            source = null; // this clip is over: next clip (or entry) in the same tick, no gap
            if (current.loop() && clipIndex >= current.clips().size() && allEmpty(current.clips())) {
                finishCurrent(PlaybackOutcome.FINISHED); // a loop of nothing would spin forever
            }
        }
    }

    private void dropStopped() {
        if (!waiting.isEmpty()) {
            waiting.removeIf(entry -> {
                if (entry.stopRequested()) {
                    entry.finished(PlaybackOutcome.STOPPED);
                    return true;
                }
                return false;
            });
            waitingCount = waiting.size();
        }
    }

    /** A source over the clip: the reused in-memory cursor if it can, so that looping allocates nothing. */
    private AudioSource open(Clip clip) {
        short[] samples = clip.pcm();
        if (samples == null) {
            return clip.open();
        }
        cursor.samples = samples;
        cursor.position = 0;
        return cursor;
    }

    private boolean allEmpty(List<Clip> clips) {
        for (int i = 0, n = clips.size(); i < n; i++) {
            Clip clip = clips.get(i);
            short[] samples = clip.pcm();
            if (samples != null ? samples.length > 0 : clip.open().read(probe)) {
                return false;
            }
        }
        return true;
    }

    /** Reads in-memory samples frame by frame; one per queue, reused for every clip it plays. */
    private static final class PcmCursor implements AudioSource {
        short[] samples;
        int position;

        @Override
        public boolean read(short[] frame) {
            if (position >= samples.length) {
                return false;
            }
            int count = Math.min(AudioFrames.FRAME_SAMPLES, samples.length - position);
            System.arraycopy(samples, position, frame, 0, count);
            java.util.Arrays.fill(frame, count, AudioFrames.FRAME_SAMPLES, (short) 0);
            position += count;
            return true;
        }
    }

    private void finishCurrent(PlaybackOutcome outcome) {
        Entry ended = current;
        current = null;
        source = null;
        ended.finished(outcome);
    }
}
