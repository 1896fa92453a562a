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

    /** A telephone-event format (RFC 4733): its payload type and the clock rate it counts in. */
    record EventFormat(int payloadType, int clockRate) {
    }

    /** The peer's audio stream as its SDP describes it. */
    static final class RemoteMedia {
        final InetSocketAddress address;
        final List<Integer> payloadTypes;
        final Map<Integer, String> rtpmaps;
        /** The last telephone-event payload type listed, -1 if none (see {@link #telephoneEventFor}). */
        final int telephoneEventPayloadType;
        /** Every telephone-event payload type with its clock rate, in SDP order. */
        final Map<Integer, Integer> telephoneEvents;
        final MediaDirection direction;
        final String protocol;
        /** a=crypto values (SDES), in order. */
        final List<String> cryptos;

        RemoteMedia(InetSocketAddress address, List<Integer> payloadTypes, Map<Integer, String> rtpmaps,
                Map<Integer, Integer> telephoneEvents, MediaDirection direction, String protocol, List<String> cryptos) {
            this.address = address;
            this.payloadTypes = payloadTypes;
            this.rtpmaps = rtpmaps;
            this.telephoneEvents = telephoneEvents;
            int last = -1;
            for (int pt : telephoneEvents.keySet()) {
                last = pt;
            }
            this.telephoneEventPayloadType = last;
            this.direction = direction;
            this.protocol = protocol;
            this.cryptos = cryptos;
        }

        boolean secure() {
            return protocol.toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
        }

        /**
         * The first of the peer's formats (in its order) that we list and can send, under the peer's payload type
         * (a dynamic one may differ from ours), or null.
         */
        Codec firstCommon(List<Codec> ours) {
            for (int pt : payloadTypes) {
                for (Codec c : ours) {
                    if (c.isUsable() && c.matches(pt, rtpmaps.get(pt))) {
                        return c.withPayloadType(pt);
                    }
                }
            }
            return null;
        }

        /**
         * The telephone-event payload type in the clock rate of the audio codec (RFC 4733 2.2: events share the
         * stream's clock, so Opus needs telephone-event/48000), or -1 when the peer offers none at that rate.
         */
        int telephoneEventFor(int clockRate) {
            for (Map.Entry<Integer, Integer> e : telephoneEvents.entrySet()) {
                if (e.getValue() == clockRate) {
                    return e.getKey();
                }
            }
            return -1;
        }
    }

    private Sdp() {
    }

    static String build(String address, int port, List<Codec> codecs, int telephoneEventPayloadType,
            MediaDirection direction, long sessionId, long version) {
        return build(address, port, codecs, telephoneEventPayloadType, direction, sessionId, version, null);
    }

    /** Telephone-event at 8000 Hz on {@code telephoneEventPayloadType} (-1: none). */
    static String build(String address, int port, List<Codec> codecs, int telephoneEventPayloadType,
            MediaDirection direction, long sessionId, long version, String crypto) {
        List<EventFormat> events = telephoneEventPayloadType < 0 ? List.of()
                : List.of(new EventFormat(telephoneEventPayloadType, 8000));
        return build(address, port, codecs, events, direction, sessionId, version, crypto);
    }

    /**
     * The telephone-event formats a list of codecs needs: one per distinct clock rate, in codec order, the first on
     * {@code preferredPayloadType} and any other on the lowest dynamic type from 110 up that is free. None when
     * {@code preferredPayloadType} is -1.
     */
    static List<EventFormat> eventFormatsFor(List<Codec> codecs, int preferredPayloadType) {
        List<EventFormat> events = new ArrayList<>();
        if (preferredPayloadType < 0) {
            return events;
        }
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        codecs.forEach(c -> taken.add(c.payloadType()));
        taken.add(preferredPayloadType);
        int nextFree = 110;
        for (Codec c : codecs) {
            if (events.stream().anyMatch(e -> e.clockRate() == c.clockRate())) {
                continue;
            }
            int pt = preferredPayloadType;
            if (!events.isEmpty()) {
                while (taken.contains(nextFree)) {
                    nextFree++;
                }
                pt = nextFree;
                taken.add(pt);
            }
            events.add(new EventFormat(pt, c.clockRate()));
        }
        return events;
    }

    /** With {@code crypto} (an a=crypto value) the stream is RTP/SAVP. */
    static String build(String address, int port, List<Codec> codecs, List<EventFormat> events,
            MediaDirection direction, long sessionId, long version, String crypto) {
        try {
            SdpFactory factory = SdpFactory.getInstance();
            SessionDescription sd = factory.createSessionDescription();
            String addressType = address.contains(":") ? "IP6" : "IP4";
            sd.setOrigin(factory.createOrigin("testphone", sessionId, version, "IN", addressType, address));
            sd.setConnection(factory.createConnection("IN", addressType, address));
            int[] formats = new int[codecs.size() + events.size()];
            Vector<Attribute> attributes = new Vector<>();
            for (int i = 0; i < codecs.size(); i++) {
                Codec codec = codecs.get(i);
                formats[i] = codec.payloadType();
                attributes.add(factory.createAttribute("rtpmap", codec.rtpmap()));
                if (codec.fmtp() != null) {
                    attributes.add(factory.createAttribute("fmtp", codec.payloadType() + " " + codec.fmtp()));
                }
            }
            for (int i = 0; i < events.size(); i++) {
                EventFormat event = events.get(i);
                formats[codecs.size() + i] = event.payloadType();
                attributes.add(factory.createAttribute("rtpmap", event.payloadType() + " telephone-event/" + event.clockRate()));
                attributes.add(factory.createAttribute("fmtp", event.payloadType() + " 0-16"));
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
        Map<Integer, Integer> telephoneEvents = new LinkedHashMap<>();
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
                        telephoneEvents.put(pt, clockRateOf(encoding));
                    }
                } else if ("crypto".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
                    cryptos.add(a.getValue().trim());
                }
            }
        }
        InetSocketAddress address = new InetSocketAddress(connection.getAddress(), md.getMedia().getMediaPort());
        return new RemoteMedia(address, List.copyOf(pts), rtpmaps, telephoneEvents, direction,
                md.getMedia().getProtocol(), List.copyOf(cryptos));
    }

    /** The clock rate of an rtpmap encoding such as "telephone-event/48000"; 8000 when it is missing or unreadable. */
    private static int clockRateOf(String encoding) {
        String[] parts = encoding.split("/");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 8000;
        } catch (NumberFormatException e) {
            return 8000;
        }
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
