package org.confbridge.media;

import java.nio.file.Path;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * One participant's audio connection: an RTP port, a jitter buffer, its own player queue,
 * DTMF detection, talk detection and an optional recorder. Thread-safe (see package doc).
 */
public interface MediaLeg {
    /** The local RTP port to announce in SDP. */
    int localPort();

    /**
     * Applies an SDP outcome: the first answer, a re-INVITE (changed address), hold and resume.
     * Until the first call the leg neither sends nor receives.
     */
    void update(NegotiatedMedia media);

    /** Plays to this participant only, over what it hears from the room. */
    Playback play(PlayRequest request);

    /** Stops this participant's current playback and empties its queue. */
    void stopPlayback();

    /** Records this leg to {@code file} (WAV). Only one recording per leg at a time. */
    Recording record(Path file, RecordingOptions options);

    /** Sends DTMF keys as RFC 4733 events (for outbound legs); ignored if telephone-event was not negotiated. */
    void sendDigits(String keys);

    /** Sets the listener (replacing any previous one). */
    void setListener(MediaLegListener listener);

    /** Current packet figures. */
    MediaLegStats stats();

    /**
     * The address the call's SIP requests come from (the source of the INVITE, not its Contact).
     * Media is accepted from the address and port of the remote SDP; besides that, the leg latches
     * onto another source (a caller behind NAT) only if it has this IP address, unless the engine
     * was configured with {@link MediaEngineConfig#strictRtpSource()} false. Without a call, only
     * the SDP's IP address may latch. Set it before {@link #update}; any thread.
     */
    default void setSignallingAddress(java.net.InetAddress address) {
    }

    /** Leaves any room, ends playback and recording, releases the port. Idempotent. */
    void close();
}
