package org.confbridge.testkit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/** Builds the phone's SDP and reads the peer's, through javax.sdp (RFC 4566, offer/answer RFC 3264). */
final class Sdp {

    /** The peer's audio stream as its SDP describes it. */
    static final class RemoteMedia {
        final InetSocketAddress address;
        final List<Integer> payloadTypes;
        final Map<Integer, String> rtpmaps;
        final int telephoneEventPayloadType;
        final MediaDirection direction;
        final String protocol;
        /** a=crypto values (SDES), in order. */
        final List<String> cryptos;

        RemoteMedia(InetSocketAddress address, List<Integer> payloadTypes, Map<Integer, String> rtpmaps,
                int telephoneEventPayloadType, MediaDirection direction, String protocol, List<String> cryptos) {
            this.address = address;
            this.payloadTypes = payloadTypes;
            this.rtpmaps = rtpmaps;
            this.telephoneEventPayloadType = telephoneEventPayloadType;
            this.direction = direction;
            this.protocol = protocol;
            this.cryptos = cryptos;
        }

        boolean secure() {
            return protocol.toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
        }

        /** The first of the peer's formats (in its order) that we list and can send, or null. */
        Codec firstCommon(List<Codec> ours) {
            for (int pt : payloadTypes) {
                for (Codec c : ours) {
                    if (c.isG711() && c.payloadType() == pt) {
                        return c;
                    }
                }
            }
            return null;
        }
    }

    private Sdp() {
    }

    static String build(String address, int port, List<Codec> codecs, int telephoneEventPayloadType,
            MediaDirection direction, long sessionId, long version) {
        return build(address, port, codecs, telephoneEventPayloadType, direction, sessionId, version, null);
    }

    /** With {@code crypto} (an a=crypto value) the stream is RTP/SAVP. */
    static String build(String address, int port, List<Codec> codecs, int telephoneEventPayloadType,
            MediaDirection direction, long sessionId, long version, String crypto) {
        try {
            SdpFactory factory = SdpFactory.getInstance();
            SessionDescription sd = factory.createSessionDescription();
            String addressType = address.contains(":") ? "IP6" : "IP4";
            sd.setOrigin(factory.createOrigin("testphone", sessionId, version, "IN", addressType, address));
            sd.setConnection(factory.createConnection("IN", addressType, address));
            int[] formats = new int[codecs.size() + (telephoneEventPayloadType >= 0 ? 1 : 0)];
            Vector<Attribute> attributes = new Vector<>();
            for (int i = 0; i < codecs.size(); i++) {
                formats[i] = codecs.get(i).payloadType();
                attributes.add(factory.createAttribute("rtpmap", codecs.get(i).rtpmap()));
            }
            if (telephoneEventPayloadType >= 0) {
                formats[codecs.size()] = telephoneEventPayloadType;
                attributes.add(factory.createAttribute("rtpmap", telephoneEventPayloadType + " telephone-event/8000"));
                attributes.add(factory.createAttribute("fmtp", telephoneEventPayloadType + " 0-16"));
            }
            attributes.add(factory.createAttribute("ptime", "20"));
            attributes.add(factory.createAttribute(direction.attribute(), null));
            if (crypto != null) {
                attributes.add(factory.createAttribute("crypto", crypto));
            }
            MediaDescription audio = factory.createMediaDescription("audio", port, 1,
                    crypto == null ? "RTP/AVP" : "RTP/SAVP", formats);
            audio.setAttributes(attributes);
            Vector<MediaDescription> media = new Vector<>();
            media.add(audio);
            sd.setMediaDescriptions(media);
            return sd.toString();
        } catch (SdpException e) {
            throw new IllegalStateException("cannot build SDP", e);
        }
    }

    /** The first audio stream of an SDP body; IllegalArgumentException when there is none or it is malformed. */
    static RemoteMedia parse(String body) {
        try {
            SessionDescription sd = SdpFactory.getInstance().createSessionDescription(body);
            Vector<?> media = sd.getMediaDescriptions(false);
            if (media != null) {
                for (Object o : media) {
                    MediaDescription md = (MediaDescription) o;
                    if ("audio".equalsIgnoreCase(md.getMedia().getMediaType())) {
                        return audio(sd, md);
                    }
                }
            }
            throw new IllegalArgumentException("SDP has no audio stream:\n" + body);
        } catch (SdpException e) {
            throw new IllegalArgumentException("malformed SDP: " + e.getMessage() + "\n" + body, e);
        }
    }

    private static RemoteMedia audio(SessionDescription sd, MediaDescription md) throws SdpException {
        Connection connection = md.getConnection() != null ? md.getConnection() : sd.getConnection();
        if (connection == null) {
            throw new IllegalArgumentException("SDP audio stream without a connection (c=) line");
        }
        List<Integer> pts = new ArrayList<>();
        for (Object f : md.getMedia().getMediaFormats(false)) {
            pts.add(Integer.parseInt(f.toString().trim()));
        }
        Map<Integer, String> rtpmaps = new LinkedHashMap<>();
        List<String> cryptos = new ArrayList<>();
        int telephoneEvent = -1;
        MediaDirection direction = directionIn(sd.getAttributes(false), MediaDirection.SENDRECV);
        direction = directionIn(md.getAttributes(false), direction);
        Vector<?> attributes = md.getAttributes(false);
        if (attributes != null) {
            for (Object o : attributes) {
                Attribute a = (Attribute) o;
                if ("rtpmap".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
                    String[] parts = a.getValue().trim().split("\\s+", 2);
                    int pt = Integer.parseInt(parts[0]);
                    String encoding = parts.length > 1 ? parts[1] : "";
                    rtpmaps.put(pt, encoding);
                    if (encoding.toLowerCase(Locale.ROOT).startsWith("telephone-event/")) {
                        telephoneEvent = pt;
                    }
                } else if ("crypto".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
                    cryptos.add(a.getValue().trim());
                }
            }
        }
        InetSocketAddress address = new InetSocketAddress(connection.getAddress(), md.getMedia().getMediaPort());
        return new RemoteMedia(address, List.copyOf(pts), rtpmaps, telephoneEvent, direction,
                md.getMedia().getProtocol(), List.copyOf(cryptos));
    }

    private static MediaDirection directionIn(Vector<?> attributes, MediaDirection fallback) throws SdpException {
        if (attributes == null) {
            return fallback;
        }
        for (Object o : attributes) {
            MediaDirection d = MediaDirection.fromAttribute(((Attribute) o).getName());
            if (d != null) {
                return d;
            }
        }
        return fallback;
    }
}
