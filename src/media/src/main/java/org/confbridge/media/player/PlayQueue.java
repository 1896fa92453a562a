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
    private int waitingCount; // mirrors waiting.size(): the idle check in read() need not touch the deque
    private Entry current;
    private int clipIndex;
    private Clip clip;

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
            clip = null;
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

    /** Fills the next 8 kHz frame; false (frame untouched) if nothing is playing. */
    public boolean read(short[] frame) {
        return read(frame, AudioFrames.SAMPLE_RATE);
    }

    /**
     * Fills the next frame at {@code rate} (8000 or 16000); false (frame untouched) if nothing is playing. The
     * position is kept in time, so a target whose rate changes mid-clip (a wideband caller joined the room) goes
     * on where it was.
     */
    public boolean read(short[] frame, int rate) {
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
                clip = null;
            }
            if (current.stopRequested()) {
                finishCurrent(PlaybackOutcome.STOPPED);
                continue;
            }
            if (clip == null) {
                List<Clip> clips = current.clips();
                if (clipIndex >= clips.size()) {
                    if (current.loop() && !clips.isEmpty()) {
                        clipIndex = 0;
                    } else {
                        finishCurrent(PlaybackOutcome.FINISHED);
                        continue;
                    }
                }
                clip = clips.get(clipIndex++);
                cursor.millis = 0;
            }
            if (cursor.read(clip, frame, rate)) {
                return true;
            }
            clip = null; // this clip is over: next clip (or entry) in the same tick, no gap
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

    private static boolean allEmpty(List<Clip> clips) {
        for (int i = 0, n = clips.size(); i < n; i++) {
            if (clips.get(i).pcm(AudioFrames.SAMPLE_RATE).length > 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the queue is in the current clip, in 20 ms steps of time (so it does not depend on the rate read at). */
    private static final class PcmCursor {
        long millis;

        boolean read(Clip clip, short[] frame, int rate) {
            short[] samples = clip.pcm(rate);
            int frameSamples = AudioFrames.frameSamples(rate);
            int position = (int) (millis * rate / 1000);
            if (position >= samples.length) {
                return false;
            }
            int count = Math.min(frameSamples, samples.length - position);
            System.arraycopy(samples, position, frame, 0, count);
            java.util.Arrays.fill(frame, count, frameSamples, (short) 0);
            millis += AudioFrames.FRAME_MILLIS;
            return true;
        }
    }

    private void finishCurrent(PlaybackOutcome outcome) {
        Entry ended = current;
        current = null;
        clip = null;
        ended.finished(outcome);
    }
}
