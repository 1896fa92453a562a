package org.confbridge.media.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.confbridge.media.srtp.SdesCrypto;

/**
 * One {@code m=} section of a parsed SDP, with the session-level defaults (connection, direction)
 * already applied. Package-private: a reading aid for the negotiator, not an API.
 *
 * @param mediaType e.g. {@code audio}, {@code video}
 * @param port the media port; 0 means the stream is rejected or disabled
 * @param protocol e.g. {@code RTP/AVP}
 * @param formats the payload formats in the order the writer prefers them
 * @param rtpMaps {@code a=rtpmap} entries by payload type
 * @param connectionAddress the effective {@code c=} address, or null if there is none
 * @param direction the effective direction attribute (sendrecv if absent)
 * @param ptimeMillis {@code a=ptime}, or the G.711 default
 * @param cryptos the usable SDES {@code a=crypto} attributes, in the writer's order of preference
 */
record SdpMediaLine(
        String mediaType,
        int port,
        String protocol,
        List<String> formats,
        Map<Integer, RtpMap> rtpMaps,
        String connectionAddress,
        MediaDirection direction,
        int ptimeMillis,
        List<SdesCrypto> cryptos) {

    /** An {@code a=rtpmap:<pt> <name>/<rate>} entry. */
    record RtpMap(String encodingName, int clockRate) {
    }

    boolean isUsableAudio() {
        return "audio".equalsIgnoreCase(mediaType) && port > 0 && (isPlainRtp() || isSecureRtp() && !cryptos.isEmpty());
    }

    /** RTP/AVP; AVPF peers (WebRTC-ish phones) are compatible with it at the RTP level. */
    boolean isPlainRtp() {
        return "RTP/AVP".equalsIgnoreCase(protocol) || "RTP/AVPF".equalsIgnoreCase(protocol);
    }

    /** RTP/SAVP(F): SRTP, keyed by SDES here (DTLS-SRTP's UDP/TLS/RTP/SAVP is another protocol name). */
    boolean isSecureRtp() {
        return "RTP/SAVP".equalsIgnoreCase(protocol) || "RTP/SAVPF".equalsIgnoreCase(protocol);
    }

    /** The codec this line names for a payload type: by rtpmap if present, else by static type. */
    Optional<AudioCodec> codecFor(int payloadType) {
        RtpMap map = rtpMaps.get(payloadType);
        if (map != null) {
            return AudioCodec.byEncoding(map.encodingName(), map.clockRate());
        }
        // Static types need no rtpmap (RFC 3551); dynamic ones without rtpmap mean nothing.
        return payloadType < 96 ? AudioCodec.byStaticPayloadType(payloadType) : Optional.empty();
    }

    /** The payload type this line maps to {@code telephone-event/<clockRate>}, or -1. */
    int telephoneEventPayloadType(int clockRate) {
        for (String format : formats) {
            int payloadType = parsePayloadType(format);
            RtpMap map = rtpMaps.get(payloadType);
            if (map != null && "telephone-event".equalsIgnoreCase(map.encodingName()) && map.clockRate() == clockRate) {
                return payloadType;
            }
        }
        return -1;
    }

    /** True if the connection address is the unspecified address: old-style hold (RFC 3264 8.4). */
    boolean isHeldByNullAddress() {
        return "0.0.0.0".equals(connectionAddress) || "::".equals(connectionAddress);
    }

    static int parsePayloadType(String format) {
        try {
            int payloadType = Integer.parseInt(format.trim());
            return payloadType >= 0 && payloadType <= 127 ? payloadType : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
