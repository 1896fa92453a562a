package org.confbridge.media.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.confbridge.media.srtp.SdesCrypto;

/**
 * Writes our SDP bodies (one audio stream, optional rejected streams) as text, in the layout JAIN-SIP's encoder
 * used to give them (each line ends in CRLF; v, o, s, c, t, then the m= sections in order). Only what we produce
 * goes in: our own address, numbers and codec names, and, for a rejected stream, the media type, protocol and
 * formats of the offer as JAIN-SIP's parser read them (tokens without white space), so no input can add a line.
 * Building the text directly costs a fraction of building and encoding JAIN-SIP's object model (which also
 * parsed a skeleton body for every SDP): a part of every call's setup.
 */
final class SdpWriter {
    /** Values of RFC 4733 events we understand: the 16 DTMF keys. */
    private static final String DTMF_EVENTS = "0-15";
    private static final String CRLF = "\r\n";

    private final String userName;

    SdpWriter(String userName) {
        this.userName = userName;
    }

    /** A codec on a payload type. */
    record Format(int payloadType, AudioCodec codec) {
    }

    /** RFC 4733 telephone-event on a payload type, at the clock rate of the codec it goes with. */
    record TelephoneEvent(int payloadType, int clockRate) {
    }

    /** What our audio stream section says; with a {@code crypto} it is RTP/SAVP keyed by that SDES attribute. */
    record AudioSection(int port, List<Format> formats, List<TelephoneEvent> events, MediaDirection direction,
            SdesCrypto crypto) {
    }

    /** An {@code m=} line we refuse (port 0), echoed with its original type, protocol and formats (RFC 3264 6). */
    record RejectedSection(String mediaType, String protocol, List<String> formats) {
    }

    /**
     * Writes the SDP. {@code sections} holds, in order, {@link AudioSection}s and {@link RejectedSection}s,
     * so an answer keeps the offer's m= line order.
     */
    String write(InetAddress localAddress, long sessionId, long sessionVersion, List<Object> sections) {
        String addressType = localAddress instanceof Inet6Address ? "IP6" : "IP4";
        String address = localAddress.getHostAddress();
        StringBuilder sdp = new StringBuilder(384);
        sdp.append("v=0").append(CRLF);
        sdp.append("o=").append(userName).append(' ').append(sessionId).append(' ').append(sessionVersion)
                .append(" IN ").append(addressType).append(' ').append(address).append(CRLF);
        sdp.append("s=").append(userName).append(CRLF);
        sdp.append("c=IN ").append(addressType).append(' ').append(address).append(CRLF);
        sdp.append("t=0 0").append(CRLF);
        for (Object section : sections) {
            if (section instanceof AudioSection audio) {
                audio(sdp, audio);
            } else if (section instanceof RejectedSection rejected) {
                sdp.append("m=").append(token(rejected.mediaType())).append(" 0 ").append(token(rejected.protocol()))
                        .append(' ');
                for (int i = 0; i < rejected.formats().size(); i++) {
                    sdp.append(i == 0 ? "" : " ").append(token(rejected.formats().get(i)));
                }
                sdp.append(CRLF);
            } else {
                throw new IllegalArgumentException("unknown section " + section);
            }
        }
        return sdp.toString();
    }

    private static void audio(StringBuilder sdp, AudioSection audio) {
        sdp.append("m=audio ").append(audio.port()).append(audio.crypto() == null ? " RTP/AVP" : " RTP/SAVP");
        for (Format format : audio.formats()) {
            sdp.append(' ').append(format.payloadType());
        }
        for (TelephoneEvent event : audio.events()) {
            sdp.append(' ').append(event.payloadType());
        }
        sdp.append(CRLF);
        for (Format format : audio.formats()) {
            sdp.append("a=rtpmap:").append(format.payloadType()).append(' ').append(format.codec().rtpMap()).append(CRLF);
            if (format.codec().fmtp() != null) {
                sdp.append("a=fmtp:").append(format.payloadType()).append(' ').append(format.codec().fmtp()).append(CRLF);
            }
        }
        for (TelephoneEvent event : audio.events()) {
            sdp.append("a=rtpmap:").append(event.payloadType()).append(" telephone-event/").append(event.clockRate())
                    .append(CRLF);
            sdp.append("a=fmtp:").append(event.payloadType()).append(' ').append(DTMF_EVENTS).append(CRLF);
        }
        sdp.append("a=ptime:").append(NegotiatedMedia.DEFAULT_PTIME_MILLIS).append(CRLF);
        if (audio.crypto() != null) {
            sdp.append("a=crypto:").append(audio.crypto().toAttributeValue()).append(CRLF);
        }
        sdp.append("a=").append(audio.direction().attributeName()).append(CRLF);
    }

    /**
     * A value echoed from the offer: the parser gives tokens, but a line break or a space inside one would
     * change the SDP's structure, so such a value is refused (the call gets 400, as for an unreadable offer).
     */
    private static String token(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("cannot echo an SDP token with white space or controls: " + value);
            }
        }
        return value;
    }
}
