package org.confbridge.testkit.rtp;

/** A point in time on a {@link ReceivedAudio} timeline (monotonic clock), to ask "what was heard since". */
public final class AudioMark {

    private final long nanoTime;

    public AudioMark(long nanoTime) {
        this.nanoTime = nanoTime;
    }

    public static AudioMark now() {
        return new AudioMark(System.nanoTime());
    }

    public long nanoTime() {
        return nanoTime;
    }
}
