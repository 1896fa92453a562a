package org.confbridge.media.engine;

/**
 * Maps an incoming stream's RTP timestamps (at its codec's clock) to positions on its decoded-sample timeline
 * (at the PCM rate), the axis the jitter buffer works on. G.711 counts samples; G.722 counts at 8000 for 16 kHz
 * audio (doubling wraps with the timestamp); Opus counts at 48000 for the 16 kHz we decode, and a division does
 * not wrap with it, so it is taken from a base moved forward as the stream goes. Mixer thread only.
 */
final class StreamTimeline {
    private static final int REBASE_AFTER = 1 << 28;
    private static final int RESTART_BEYOND = 1 << 30;

    private boolean started;
    private long baseTimestamp;
    private int basePosition;

    int position(long timestamp, int clockRate, int pcmRate) {
        if (clockRate == pcmRate) {
            return (int) timestamp;
        }
        if (clockRate * 2 == pcmRate) {
            return (int) timestamp * 2;
        }
        int ticksPerSample = clockRate / pcmRate;
        int delta = (int) (timestamp - baseTimestamp);
        if (!started || delta < -REBASE_AFTER || delta > RESTART_BEYOND) {
            // first packet, or a jump the jitter buffer will treat as a new timeline anyway
            started = true;
            baseTimestamp = timestamp;
            basePosition = 0;
            delta = 0;
        } else if (delta > REBASE_AFTER) {
            int steps = delta / ticksPerSample;
            baseTimestamp = (baseTimestamp + (long) steps * ticksPerSample) & 0xFFFFFFFFL;
            basePosition += steps;
            delta -= steps * ticksPerSample;
        }
        return basePosition + Math.floorDiv(delta, ticksPerSample);
    }
}
