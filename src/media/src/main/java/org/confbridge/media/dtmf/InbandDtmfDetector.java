package org.confbridge.media.dtmf;

import org.confbridge.media.codec.AudioFrames;

/**
 * In-band DTMF detection (ITU-T Q.23 tone pairs) with Goertzel filters on 20 ms frames, for
 * phones that send key tones inside the audio instead of RFC 4733 events.
 *
 * <p>A key is reported once when the same tone pair dominates two frames in a row (40 ms, the
 * Q.24 minimum) and is re-armed after a frame without it. "Dominates": the two tones carry most
 * of the frame's energy, each clearly beats the other tones of its group, and the level is above
 * a floor, which keeps speech and music from producing digits.
 *
 * <p>Confined to the mixer thread.
 */
public final class InbandDtmfDetector {
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
        {'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}};
    private static final double MIN_MEAN_ENERGY = 200.0 * 200.0 / 2; // tones below ~-44 dBm0 are noise
    private static final double MIN_PAIR_SHARE = 0.6;
    private static final double MIN_TONE_SHARE = 0.1;
    private static final double GROUP_DOMINANCE = 4.0;

    private final DigitListener listener;
    private char candidate;
    private int candidateFrames;
    private boolean reported;

    public InbandDtmfDetector(DigitListener listener) {
        this.listener = listener;
    }

    /** Analyses one frame of {@link AudioFrames#FRAME_SAMPLES} samples. */
    public void onFrame(short[] frame) {
        char key = detect(frame);
        if (key == 0) {
            candidate = 0;
            candidateFrames = 0;
            reported = false;
            return;
        }
        if (key != candidate) {
            candidate = key;
            candidateFrames = 1;
            reported = false;
            return;
        }
        candidateFrames++;
        if (candidateFrames >= 2 && !reported) {
            reported = true;
            listener.onDigit(key);
        }
    }

    private static char detect(short[] frame) {
        int length = AudioFrames.FRAME_SAMPLES;
        if (AudioFrames.meanEnergy(frame, length) < MIN_MEAN_ENERGY) {
            return 0;
        }
        int row = strongest(frame, ROWS);
        int column = strongest(frame, COLUMNS);
        if (row < 0 || column < 0) {
            return 0;
        }
        double rowShare = Goertzel.relativePower(frame, 0, length, ROWS[row], AudioFrames.SAMPLE_RATE);
        double columnShare = Goertzel.relativePower(frame, 0, length, COLUMNS[column], AudioFrames.SAMPLE_RATE);
        if (rowShare < MIN_TONE_SHARE || columnShare < MIN_TONE_SHARE || rowShare + columnShare < MIN_PAIR_SHARE) {
            return 0;
        }
        return KEYS[row][column];
    }

    /** Index of the group's strongest tone if it beats every other tone of the group clearly, else -1. */
    private static int strongest(short[] frame, double[] group) {
        int best = -1;
        double bestPower = 0;
        double secondPower = 0;
        for (int i = 0; i < group.length; i++) {
            double power = Goertzel.power(frame, 0, AudioFrames.FRAME_SAMPLES, group[i], AudioFrames.SAMPLE_RATE);
            if (power > bestPower) {
                secondPower = bestPower;
                bestPower = power;
                best = i;
            } else if (power > secondPower) {
                secondPower = power;
            }
        }
        return bestPower > GROUP_DOMINANCE * secondPower ? best : -1;
    }
}
