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
        for (Format format : audio.formats()) {
            formats.add(Integer.toString(format.payloadType()));
        }
        for (TelephoneEvent event : audio.events()) {
            formats.add(Integer.toString(event.payloadType()));
        }
        MediaDescription description = factory.createMediaDescription(
                "audio", audio.port(), 1, audio.crypto() == null ? "RTP/AVP" : "RTP/SAVP", formats.toArray(new String[0]));
        Vector<javax.sdp.Attribute> attributes = new Vector<>();
        for (Format format : audio.formats()) {
            attributes.add(factory.createAttribute("rtpmap", format.payloadType() + " " + format.codec().rtpMap()));
            if (format.codec().fmtp() != null) {
                attributes.add(factory.createAttribute("fmtp", format.payloadType() + " " + format.codec().fmtp()));
            }
        }
        for (TelephoneEvent event : audio.events()) {
            attributes.add(factory.createAttribute("rtpmap", event.payloadType() + " telephone-event/" + event.clockRate()));
            attributes.add(factory.createAttribute("fmtp", event.payloadType() + " " + DTMF_EVENTS));
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
