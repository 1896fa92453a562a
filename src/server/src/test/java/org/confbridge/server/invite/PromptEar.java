package org.confbridge.server.invite;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.audio.ToneAnalysis;
import org.confbridge.testkit.rtp.AudioMark;

/**
 * Recognises which built-in voice prompt a caller heard: the energy envelope (20 ms frames, dBFS) of
 * what arrived is compared with the envelope of every prompt WAV the server plays (read from the
 * classpath, the same files); a prompt is heard when its envelope correlates well somewhere and no
 * other prompt fits that stretch better. Needs the room quiet while the prompt plays.
 */
final class PromptEar {

    static final List<String> PROMPTS = List.of("invite_enter_number", "invite_calling", "invite_busy",
            "invite_no_answer", "invite_failed", "invite_invalid_number", "invite_cancelled",
            "invite_conference_locked", "invite_conference_full", "recording_notice", "only_participant",
            "locked", "unlocked", "goodbye", "muted", "unmuted", "conf_locked", "conf_full", "conference_ended");

    private static final int FRAME = 160;
    private static final double VOICED_DBFS = -45;
    private static final double FLOOR_DBFS = -60;
    /** Lost or late packets on a loaded machine blur the envelope; the best-fit rule keeps prompts apart. */
    private static final double MATCH = 0.6;
    private static final Map<String, double[]> ENVELOPES = load();

    private PromptEar() {
    }

    /** Waits until {@code call} heard {@code prompt} after {@code mark}; fails with what fits best otherwise. */
    static void awaitPrompt(Call call, AudioMark mark, String prompt, Duration timeout)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String verdict;
        do {
            double[] level = envelope(call.audio().since(mark).samples());
            verdict = judge(level, prompt);
            if (verdict == null) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        java.nio.file.Path dump = java.nio.file.Files.createTempFile("heard-", ".wav");
        call.audio().since(mark).writeWav(dump);
        throw new AssertionError("prompt '" + prompt + "' not heard within " + timeout + ": " + verdict
                + " (what was heard: " + dump + ")");
    }

    /** Null when {@code prompt} is heard in {@code level}, else why not. */
    static String judge(double[] level, String prompt) {
        double[] expected = ENVELOPES.get(prompt);
        double bestScore = -1;
        int bestAt = -1;
        for (int at = 0; at + expected.length <= level.length; at++) {
            double score = pearson(level, at, expected);
            if (score > bestScore) {
                bestScore = score;
                bestAt = at;
            }
        }
        if (bestScore < MATCH) {
            return "best fit of " + prompt + " is " + String.format("%.2f", bestScore);
        }
        for (Map.Entry<String, double[]> other : ENVELOPES.entrySet()) {
            if (other.getKey().equals(prompt)) {
                continue;
            }
            for (int at = Math.max(0, bestAt - 3); at <= bestAt + 3 && at + other.getValue().length <= level.length; at++) {
                double score = pearson(level, at, other.getValue());
                if (score > bestScore) {
                    return other.getKey() + " fits better (" + String.format("%.2f > %.2f", score, bestScore) + ")";
                }
            }
        }
        return null;
    }

    private static double pearson(double[] level, int from, double[] reference) {
        int n = reference.length;
        double meanA = 0;
        double meanB = 0;
        for (int k = 0; k < n; k++) {
            meanA += level[from + k];
            meanB += reference[k];
        }
        meanA /= n;
        meanB /= n;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int k = 0; k < n; k++) {
            double a = level[from + k] - meanA;
            double b = reference[k] - meanB;
            cov += a * b;
            varA += a * a;
            varB += b * b;
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }

    static double[] envelope(short[] pcm) {
        double[] level = new double[pcm.length / FRAME];
        for (int f = 0; f < level.length; f++) {
            level[f] = Math.max(FLOOR_DBFS, ToneAnalysis.rmsDbfs(pcm, f * FRAME, (f + 1) * FRAME));
        }
        return level;
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> envelopes = new LinkedHashMap<>();
        for (String prompt : PROMPTS) {
            double[] level = envelope(read(prompt));
            int first = 0;
            int last = level.length - 1;
            while (first < last && level[first] < VOICED_DBFS) {
                first++;
            }
            while (last > first && level[last] < VOICED_DBFS) {
                last--;
            }
            envelopes.put(prompt, Arrays.copyOfRange(level, first, last + 1));
        }
        return envelopes;
    }

    private static short[] read(String prompt) {
        try (InputStream raw = PromptEar.class.getResourceAsStream("/prompts/" + prompt + ".wav")) {
            if (raw == null) {
                throw new IllegalStateException("no built-in prompt " + prompt + " on the classpath");
            }
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
                byte[] bytes = audio.readAllBytes();
                short[] pcm = new short[bytes.length / 2];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
                return pcm;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
