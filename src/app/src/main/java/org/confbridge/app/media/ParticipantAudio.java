package org.confbridge.app.media;

import java.util.concurrent.CompletableFuture;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Playback;
import org.confbridge.media.Recording;

/**
 * The audio of one caller in a conference: their leg, what is queued to them, their music on hold
 * and their name recording. Confined to the live registry's lock (see the package doc).
 *
 * <p>The leg plays one queue; a looping music on hold would hold back every prompt queued after it,
 * so a prompt to a caller on music stops the music, plays, and queues the music again behind itself.
 */
final class ParticipantAudio {

    final MediaLeg leg;
    /** Completes when everything queued so far to this caller (music aside) has been played. */
    private CompletableFuture<Void> queueDrained = CompletableFuture.completedFuture(null);
    private Playback music;
    private PlayRequest musicRequest;
    /** Ringback while an invite of theirs rings; music on hold waits meanwhile and resumes after it. */
    private Playback ringback;
    private PlayRequest ringbackRequest;
    boolean inRoom;
    /** Music on hold waiting for a room announcement to end (see ConferenceAudio). */
    PlayRequest pendingMusic;
    Recording nameRecording;
    boolean nameFinishRequested;
    /** The caller's own recorded name, released when they leave. */
    String nameReference;

    ParticipantAudio(MediaLeg leg) {
        this.leg = leg;
    }

    /** Queues a prompt behind earlier ones; returns its playback. */
    Playback play(PlayRequest request) {
        PlayRequest resume = musicRequest != null && musicRequest.loop() && ringback == null ? musicRequest : null;
        if (resume != null) {
            stopMusic(); // a once-only music prompt is short: the new prompt simply queues behind it
        }
        PlayRequest resumeRingback = ringbackRequest;
        if (ringback != null) {
            ringback.stop();
            ringback = null;
        }
        Playback playback = leg.play(request);
        queueDrained = playback.completion().toCompletableFuture().thenApply(outcome -> null);
        if (resumeRingback != null) {
            ringback = leg.play(resumeRingback);
        } else if (resume != null) {
            startMusic(resume);
        }
        return playback;
    }

    /** Ringback replaces music on hold while it lasts (the music comes back after it). */
    void startRingback(PlayRequest request) {
        PlayRequest music = musicRequest;
        stopMusic();
        musicRequest = music;
        ringbackRequest = request;
        ringback = leg.play(request);
    }

    void stopRingback() {
        if (ringback == null && ringbackRequest == null) {
            return;
        }
        if (ringback != null) {
            ringback.stop();
            ringback = null;
        }
        ringbackRequest = null;
        if (musicRequest != null && musicRequest.loop()) {
            startMusic(musicRequest);
        } else {
            musicRequest = null;
        }
    }

    /** Starts music on hold (looping, or a once-only prompt such as "you are the only participant"). */
    void startMusic(PlayRequest request) {
        stopMusic();
        musicRequest = request;
        if (ringback == null) {
            music = leg.play(request);
        }
    }

    void stopMusic() {
        if (music != null) {
            music.stop();
            music = null;
        }
        musicRequest = null;
    }

    /** Completes when the prompts queued so far have been played (or the leg closed). */
    CompletableFuture<Void> queueDrained() {
        return queueDrained;
    }
}
