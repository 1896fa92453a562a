package org.confbridge.server.phone;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
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
 * Tells what a caller heard, as a list of words: the built-in voice prompts by name ({@code "muted"}),
 * tones as {@code "tone:880"}. Received audio is cut into 20 ms frames; a voiced stretch that is one
 * pure frequency is a tone, anything else is matched against the energy envelope of every built-in
 * prompt WAV (the same files the server plays, from the classpath), best Pearson correlation wins.
 * Works when the other callers are silent while a prompt is expected (their tones would mask the
 * envelope); tones are told by frequency whatever else is heard.
 */
public final class Transcriber {

    public static final List<String> PROMPTS = List.of("all_muted", "all_unmuted", "conf_full", "conf_locked",
            "goodbye", "has_joined", "has_left", "locked", "moderator_only", "mute_not_allowed", "muted",
            "notifications_off", "notifications_on", "only_participant", "pin_failed", "pin_request",
            "pin_timeout", "pin_wrong", "say_name", "unlocked", "unmuted", "welcome", "recording_notice",
            "invite_enter_number", "invite_cancelled", "conference_muted", "conference_ended");
    /** Frequencies a tone word can have: the server's beep and error tone, and the test callers' tones. */
    private static final double[] TONES = {300, 500, 700, 880, 1100, 1300, 1500};

    private static final int FRAME = 160;
    private static final double VOICED_DBFS = -45;
    private static final double FLOOR_DBFS = -60;
    private static final double MATCH = 0.75;
    private static final int MAX_LAG = 3;
    /**
     * How far a chunk may come earlier than expected: a starved server (or the network) may lose up to a
     * quarter second of a prompt, which only ever shortens it. Never later by more than MAX_LAG, so a
     * longer prompt ("all unmuted") is not taken for a shorter one that it contains ("all muted").
     */
    private static final int MAX_SKIP = 12;
    private static final int CHUNK = 25;

    private static final Map<String, double[][]> ENVELOPES = loadEnvelopes();

    private Transcriber() {
    }

    /** What {@code call} heard since {@code mark}. */
    public static List<String> heard(Call call, AudioMark mark) {
        return transcribe(call.audio().since(mark).samples(), call.state().isTerminal());
    }

    /** Waits until {@code word} was heard since {@code mark}; returns the whole transcript. */
    public static List<String> awaitWord(Call call, AudioMark mark, String word, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> words;
        do {
            words = heard(call, mark);
            if (words.contains(word)) {
                return words;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("'" + word + "' not heard within " + timeout + "; heard " + words
                + " (audio saved in " + saveForInspection(call) + ")");
    }

    /** Writes what the call heard to {@code target/heard/<call>.wav}, to listen to after a failure. */
    static java.nio.file.Path saveForInspection(Call call) {
        java.nio.file.Path file = java.nio.file.Path.of("target", "heard",
                call.callId().replaceAll("[^A-Za-z0-9]", "_") + ".wav");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            call.audio().writeWav(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return file;
    }

    /** The words in {@code pcm}; a prompt still being received at the end is left out. */
    public static List<String> transcribe(short[] pcm) {
        return transcribe(pcm, true);
    }

    /**
     * The words in {@code pcm}.
     *
     * @param ended no more audio will come (the call is over): a prompt whose last half second is missing
     *              was cut by the hang-up and still counts; otherwise it is still arriving and is left out
     */
    public static List<String> transcribe(short[] pcm, boolean ended) {
        double[] level = envelope(pcm);
        double[][] tracks = {level, brightness(pcm)};
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < level.length) {
            if (level[i] < VOICED_DBFS) {
                i++;
                continue;
            }
            double tone = toneAt(pcm, i, level.length);
            if (tone == 0 && i + 1 < level.length && level[i + 1] >= VOICED_DBFS) {
                tone = toneAt(pcm, i + 1, level.length); // the onset frame may be half silence, half tone
            }
            if (tone > 0) {
                words.add("tone:" + (int) tone);
                i++;
                while (i < level.length && level[i] >= VOICED_DBFS && toneAt(pcm, i, i + 1) == tone) {
                    i++;
                }
                continue;
            }
            Match best = bestPrompt(tracks, i, ended);
            if (best == null) {
                return words; // not enough audio yet to tell
            }
            if (best.score >= MATCH) {
                words.add(best.name);
                i += best.length + best.lag;
            } else {
                int from = i;
                while (i < level.length && level[i] >= VOICED_DBFS) {
                    i++;
                }
                if (i - from >= 10) {
                    words.add("?"); // shorter: the tail of a prompt whose frames came late or not at all
                }
            }
        }
        return words;
    }

    private record Match(String name, double score, int length, int lag) {
    }

    private static Match bestPrompt(double[][] level, int start, boolean ended) {
        Match best = null;
        boolean complete = true;
        for (Map.Entry<String, double[][]> prompt : ENVELOPES.entrySet()) {
            Match match = matchWithDrift(prompt.getKey(), level, start, prompt.getValue(), ended);
            if (match == null) {
                complete = false;
            } else if (best == null || match.score > best.score) {
                best = match;
            }
        }
        if (best != null && best.score >= MATCH) {
            return best;
        }
        return complete ? best : null;
    }

    /**
     * Compares the prompt chunk by chunk (half a second each), each chunk free to sit a few frames
     * earlier or later than where the previous one ended: a frame lost or late on the way shifts the rest
     * of the prompt, which one correlation over the whole prompt would not survive. Null: not enough audio.
     */
    private static Match matchWithDrift(String name, double[][] tracks, int start, double[][] references,
                                        boolean ended) {
        double[] level = tracks[0];
        double[] reference = references[0];
        int position = start;
        double total = 0;
        int chunks = 0;
        for (int offset = 0; offset < reference.length; offset += CHUNK) {
            int length = Math.min(CHUNK, reference.length - offset);
            if (length < CHUNK / 2 && chunks > 0) {
                position += length; // a short tail: too few frames to judge
                break;
            }
            boolean last = offset + length >= reference.length;
            if (ended && last && chunks > 0 && position - MAX_LAG + length > level.length) {
                // The call ended (or audio stops) within the prompt's last half second: the frames
                // still in flight when the server hung up after it never arrive. Judge by the rest.
                position += length;
                break;
            }
            double bestScore = -2;
            int bestLag = 0;
            boolean fits = false;
            for (int lag = chunks == 0 ? -MAX_LAG : -MAX_SKIP; lag <= MAX_LAG; lag++) {
                int from = position + lag;
                if (from < 0 || from + length > level.length) {
                    continue;
                }
                fits = true;
                // Loudness and brightness (energy of the differenced signal: fricatives, 'f', 't', 's')
                // together tell apart prompts that share words ("has joined" / "has left").
                double score = (similarity(level, from, reference, offset, length)
                        + similarity(tracks[1], from, references[1], offset, length)) / 2;
                if (score > bestScore) {
                    bestScore = score;
                    bestLag = lag;
                }
            }
            if (!fits) {
                return null;
            }
            total += bestScore;
            chunks++;
            position += bestLag + length;
        }
        return new Match(name, total / chunks, position - start, 0);
    }

    /** Pearson correlation of two envelope stretches; for a flat reference stretch, closeness of levels. */
    private static double similarity(double[] level, int from, double[] reference, int refFrom, int n) {
        double meanA = 0;
        double meanB = 0;
        for (int k = 0; k < n; k++) {
            meanA += level[from + k];
            meanB += reference[refFrom + k];
        }
        meanA /= n;
        meanB /= n;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int k = 0; k < n; k++) {
            double a = level[from + k] - meanA;
            double b = reference[refFrom + k] - meanB;
            cov += a * b;
            varA += a * a;
            varB += b * b;
        }
        if (varB / n < 4) {
            return Math.abs(meanA - meanB) < 6 ? 1 : 0;
        }
        return varA == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }

    /** The frequency of a pure tone over up to 5 frames (100 ms: longer than a vowel stays one pitch) from {@code frame}, or 0. */
    private static double toneAt(short[] pcm, int frame, int frameLimit) {
        int from = frame * FRAME;
        int to = Math.min(Math.min(frame + 5, Math.max(frameLimit, frame + 1)) * FRAME, pcm.length);
        if (to - from < FRAME) {
            return 0;
        }
        for (double tone : TONES) {
            if (ToneAnalysis.toneRatio(pcm, from, to, 8000, tone) > 0.8) {
                return tone;
            }
        }
        return 0;
    }

    /** Frame levels of the first difference of the signal (a crude high-pass), in dB, floored. */
    static double[] brightness(short[] pcm) {
        double[] level = new double[pcm.length / FRAME];
        for (int f = 0; f < level.length; f++) {
            double sum = 0;
            for (int k = f * FRAME + 1; k < (f + 1) * FRAME; k++) {
                double d = pcm[k] - pcm[k - 1];
                sum += d * d;
            }
            level[f] = Math.max(FLOOR_DBFS, ToneAnalysis.toDbfs(Math.sqrt(sum / (FRAME - 1))));
        }
        return level;
    }

    /** Frame levels in dBFS, floored. */
    static double[] envelope(short[] pcm) {
        double[] level = new double[pcm.length / FRAME];
        for (int f = 0; f < level.length; f++) {
            level[f] = Math.max(FLOOR_DBFS, ToneAnalysis.rmsDbfs(pcm, f * FRAME, (f + 1) * FRAME));
        }
        return level;
    }

    private static Map<String, double[][]> loadEnvelopes() {
        Map<String, double[][]> envelopes = new LinkedHashMap<>();
        for (String prompt : PROMPTS) {
            short[] pcm = readPrompt(prompt);
            double[] level = envelope(pcm);
            int first = 0;
            int last = level.length - 1;
            while (first < last && level[first] < VOICED_DBFS) {
                first++;
            }
            while (last > first && level[last] < VOICED_DBFS) {
                last--;
            }
            envelopes.put(prompt, new double[][] {java.util.Arrays.copyOfRange(level, first, last + 1),
                    java.util.Arrays.copyOfRange(brightness(pcm), first, last + 1)});
        }
        return envelopes;
    }

    /** A built-in prompt's samples, read from the classpath as the server does. */
    static short[] readPrompt(String name) {
        try (InputStream raw = Transcriber.class.getResourceAsStream("/prompts/" + name + ".wav")) {
            if (raw == null) {
                throw new IllegalStateException("no built-in prompt " + name + " on the classpath");
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
                byte[] bytes = in.readAllBytes();
                short[] samples = new short[bytes.length / 2];
                ByteBuffer.wrap(bytes).order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                return samples;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException("prompt " + name + " is not a WAV", e);
        }
    }
}
