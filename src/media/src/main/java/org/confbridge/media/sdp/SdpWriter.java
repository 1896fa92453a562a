package org.confbridge.media.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import org.confbridge.media.srtp.SdesCrypto;

/** Builds our SDP bodies with JAIN-SIP's encoder (one audio stream, optional rejected streams). */
final class SdpWriter {
    /** Values of RFC 4733 events we understand: the 16 DTMF keys. */
    private static final String DTMF_EVENTS = "0-15";

    private static final String SKELETON = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private final SdpFactory factory;
    private final String userName;

    SdpWriter(SdpFactory factory, String userName) {
        this.factory = factory;
        this.userName = userName;
    }

    /** What our audio stream section says; with a {@code crypto} it is RTP/SAVP keyed by that SDES attribute. */
    record AudioSection(int port, List<AudioCodec> codecs, int telephoneEventPayloadType, MediaDirection direction,
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
        try {
            String addressType = localAddress instanceof Inet6Address ? Connection.IP6 : Connection.IP4;
            String address = localAddress.getHostAddress();
            // Start from a parsed skeleton: factory.createSessionDescription() calls
            // InetAddress.getLocalHost(), which may block on DNS on every call.
            SessionDescription session = factory.createSessionDescription(SKELETON);
            session.setOrigin(factory.createOrigin(userName, sessionId, sessionVersion, Connection.IN, addressType, address));
            session.setSessionName(factory.createSessionName(userName));
            session.setConnection(factory.createConnection(Connection.IN, addressType, address));
            Vector<MediaDescription> media = new Vector<>();
            for (Object section : sections) {
                if (section instanceof AudioSection audio) {
                    media.add(audio(audio));
                } else if (section instanceof RejectedSection rejected) {
                    media.add(factory.createMediaDescription(rejected.mediaType(), 0, 1, rejected.protocol(),
                            rejected.formats().toArray(new String[0])));
                } else {
                    throw new IllegalArgumentException("unknown section " + section);
                }
            }
            session.setMediaDescriptions(media);
            return session.toString();
        } catch (SdpException e) {
            // Only reachable if our own values were invalid: a programming error, not bad input.
            throw new IllegalStateException("cannot encode our own SDP", e);
        }
    }

    private MediaDescription audio(AudioSection audio) throws SdpException {
        List<String> formats = new ArrayList<>();
        for (AudioCodec codec : audio.codecs()) {
            formats.add(Integer.toString(codec.staticPayloadType()));
        }
        if (audio.telephoneEventPayloadType() >= 0) {
            formats.add(Integer.toString(audio.telephoneEventPayloadType()));
        }
        MediaDescription description = factory.createMediaDescription(
                "audio", audio.port(), 1, audio.crypto() == null ? "RTP/AVP" : "RTP/SAVP", formats.toArray(new String[0]));
        Vector<javax.sdp.Attribute> attributes = new Vector<>();
        for (AudioCodec codec : audio.codecs()) {
            attributes.add(factory.createAttribute("rtpmap",
                    codec.staticPayloadType() + " " + codec.encodingName() + "/" + AudioCodec.CLOCK_RATE));
        }
        if (audio.telephoneEventPayloadType() >= 0) {
            attributes.add(factory.createAttribute("rtpmap",
                    audio.telephoneEventPayloadType() + " telephone-event/" + AudioCodec.CLOCK_RATE));
            attributes.add(factory.createAttribute("fmtp", audio.telephoneEventPayloadType() + " " + DTMF_EVENTS));
        }
        attributes.add(factory.createAttribute("ptime", Integer.toString(NegotiatedMedia.DEFAULT_PTIME_MILLIS)));
        if (audio.crypto() != null) {
            attributes.add(factory.createAttribute("crypto", audio.crypto().toAttributeValue()));
        }
        attributes.add(factory.createAttribute(audio.direction().attributeName(), null));
        description.setAttributes(attributes);
        return description;
    }
}
