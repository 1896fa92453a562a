package org.confbridge.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalInt;
import org.confbridge.media.srtp.SrtpKeys;

/**
 * The outcome of one offer/answer exchange for the audio stream, seen from this server.
 *
 * <p>Immutable. {@link #direction()} is <em>our</em> direction: {@code RECVONLY} means the remote
 * party put us on hold (it only sends, or announced {@code c=0.0.0.0}), so the engine must not
 * send and must not expect a media timeout while {@link #expectsIncomingMedia()} is false.
 *
 * @param remoteRtp where to send RTP according to SDP (may be the unspecified address {@code 0.0.0.0}
 *                  when the remote holds the call the old way)
 * @param codec the one codec both sides use
 * @param payloadType the RTP payload type for {@code codec} (static, or the dynamic one the SDP gave Opus)
 * @param telephoneEventPayloadType payload type of RFC 4733 telephone-event at the codec's clock rate, or -1 if not negotiated
 * @param direction our direction for this stream
 * @param ptimeMillis packetisation time the remote asked for ({@code a=ptime}), 20 if it did not say
 * @param srtp the SDES keys when the stream is SRTP, null for plain RTP
 */
public record NegotiatedMedia(
        InetSocketAddress remoteRtp,
        AudioCodec codec,
        int payloadType,
        int telephoneEventPayloadType,
        MediaDirection direction,
        int ptimeMillis,
        SrtpKeys srtp) {

    /** Default packetisation time of G.711 in ms (RFC 3551). */
    public static final int DEFAULT_PTIME_MILLIS = 20;

    public NegotiatedMedia {
        Objects.requireNonNull(remoteRtp, "remoteRtp");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type out of range: " + telephoneEventPayloadType);
        }
        if (ptimeMillis <= 0) {
            throw new IllegalArgumentException("ptime must be positive: " + ptimeMillis);
        }
    }

    /** Plain RTP. */
    public NegotiatedMedia(InetSocketAddress remoteRtp, AudioCodec codec, int payloadType, int telephoneEventPayloadType,
            MediaDirection direction, int ptimeMillis) {
        this(remoteRtp, codec, payloadType, telephoneEventPayloadType, direction, ptimeMillis, null);
    }

    /** True if the stream is SRTP. */
    public boolean secure() {
        return srtp != null;
    }

    /** The RFC 4733 payload type if the remote offered or accepted telephone-event. */
    public OptionalInt telephoneEvents() {
        return telephoneEventPayloadType < 0 ? OptionalInt.empty() : OptionalInt.of(telephoneEventPayloadType);
    }

    /** True if we may send RTP: our direction sends and the remote gave a real address. */
    public boolean maySend() {
        InetAddress address = remoteRtp.getAddress();
        return direction.sends() && address != null && !address.isAnyLocalAddress() && remoteRtp.getPort() > 0;
    }

    /** True if the remote is expected to send us RTP (so silence from it means a dead call). */
    public boolean expectsIncomingMedia() {
        return direction.receives();
    }

    /** True if the remote has put the call on hold (we only receive, or nothing flows). */
    public boolean onHold() {
        return !direction.sends();
    }
}
