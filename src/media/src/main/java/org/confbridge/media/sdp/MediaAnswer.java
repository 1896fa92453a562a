package org.confbridge.media.sdp;

import java.util.Objects;

/**
 * Our SDP answer together with what it negotiated.
 *
 * @param sdp the answer body to put in the 200 OK (content type {@code application/sdp})
 * @param media what the engine must do for the audio stream
 */
public record MediaAnswer(String sdp, NegotiatedMedia media) {
    public MediaAnswer {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(media, "media");
    }
}
