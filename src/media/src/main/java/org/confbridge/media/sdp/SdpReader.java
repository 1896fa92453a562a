package org.confbridge.media.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import org.confbridge.media.srtp.SdesCrypto;

/** Turns SDP text into {@link SdpMediaLine}s with JAIN-SIP's parser, applying session-level defaults. */
final class SdpReader {
    private final SdpFactory factory;

    SdpReader(SdpFactory factory) {
        this.factory = factory;
    }

    List<SdpMediaLine> read(String text) throws MalformedSdpException {
        if (text == null || text.isBlank()) {
            throw new MalformedSdpException("empty SDP body");
        }
        try {
            SessionDescription session = factory.createSessionDescription(text);
            if (session.getVersion() == null) {
                throw new MalformedSdpException("SDP has no v= line");
            }
            String sessionAddress = address(session.getConnection());
            MediaDirection sessionDirection = direction(session.getAttributes(false), MediaDirection.SENDRECV);
            Vector<?> descriptions = session.getMediaDescriptions(false);
            if (descriptions == null || descriptions.isEmpty()) {
                throw new MalformedSdpException("SDP has no m= line");
            }
            List<SdpMediaLine> lines = new ArrayList<>();
            for (Object item : descriptions) {
                lines.add(line((MediaDescription) item, sessionAddress, sessionDirection));
            }
            return lines;
        } catch (SdpException | RuntimeException e) {
            // The NIST parser reports some syntax errors as runtime exceptions; both mean "bad SDP".
            throw new MalformedSdpException("unparseable SDP: " + e.getMessage(), e);
        }
    }

    private SdpMediaLine line(MediaDescription description, String sessionAddress, MediaDirection sessionDirection)
            throws SdpException, MalformedSdpException {
        Media media = description.getMedia();
        if (media == null) {
            throw new MalformedSdpException("m= line without media");
        }
        List<String> formats = new ArrayList<>();
        Vector<?> rawFormats = media.getMediaFormats(false);
        if (rawFormats != null) {
            for (Object format : rawFormats) {
                formats.add(String.valueOf(format).trim());
            }
        }
        Vector<?> attributes = description.getAttributes(false);
        String mediaAddress = address(description.getConnection());
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        int port = media.getMediaPort();
        if (port > 0 && address == null) {
            throw new MalformedSdpException("no c= line for " + media.getMediaType() + " stream");
        }
        return new SdpMediaLine(
                media.getMediaType(),
                port,
                media.getProtocol(),
                List.copyOf(formats),
                rtpMaps(attributes),
                address,
                direction(attributes, sessionDirection),
                ptime(attributes),
                cryptos(attributes));
    }

    private static String address(Connection connection) throws SdpException {
        if (connection == null || connection.getAddress() == null) {
            return null;
        }
        // A multicast address may carry "/ttl"; we only do unicast but keep the address part.
        String address = connection.getAddress().trim();
        int slash = address.indexOf('/');
        return slash >= 0 ? address.substring(0, slash) : address;
    }

    private static MediaDirection direction(Vector<?> attributes, MediaDirection fallback) throws SdpException {
        if (attributes != null) {
            for (Object item : attributes) {
                Attribute attribute = (Attribute) item;
                var direction = MediaDirection.fromAttributeName(attribute.getName());
                if (direction.isPresent()) {
                    return direction.get();
                }
            }
        }
        return fallback;
    }

    private static int ptime(Vector<?> attributes) throws SdpException {
        if (attributes != null) {
            for (Object item : attributes) {
                Attribute attribute = (Attribute) item;
                if ("ptime".equalsIgnoreCase(attribute.getName()) && attribute.hasValue()) {
                    try {
                        int ptime = Integer.parseInt(attribute.getValue().trim());
                        if (ptime > 0) {
                            return ptime;
                        }
                    } catch (NumberFormatException e) {
                        return NegotiatedMedia.DEFAULT_PTIME_MILLIS; // a bad hint is ignored, not fatal
                    }
                }
            }
        }
        return NegotiatedMedia.DEFAULT_PTIME_MILLIS;
    }

    /** The {@code a=crypto} attributes we can use, in the offer's order; others (MKI, unknown suites) are skipped. */
    private static List<SdesCrypto> cryptos(Vector<?> attributes) throws SdpException {
        List<SdesCrypto> cryptos = new ArrayList<>();
        if (attributes != null) {
            for (Object item : attributes) {
                Attribute attribute = (Attribute) item;
                if ("crypto".equalsIgnoreCase(attribute.getName()) && attribute.hasValue()) {
                    SdesCrypto.parse(attribute.getValue()).ifPresent(cryptos::add);
                }
            }
        }
        return List.copyOf(cryptos);
    }

    private static Map<Integer, SdpMediaLine.RtpMap> rtpMaps(Vector<?> attributes) throws SdpException {
        Map<Integer, SdpMediaLine.RtpMap> maps = new HashMap<>();
        if (attributes == null) {
            return maps;
        }
        for (Object item : attributes) {
            Attribute attribute = (Attribute) item;
            if (!"rtpmap".equalsIgnoreCase(attribute.getName()) || !attribute.hasValue()) {
                continue;
            }
            // "<pt> <name>/<rate>[/<channels>]"
            String[] parts = attribute.getValue().trim().split("\\s+", 2);
            if (parts.length < 2) {
                continue;
            }
            int payloadType = SdpMediaLine.parsePayloadType(parts[0]);
            String[] encoding = parts[1].split("/");
            if (payloadType < 0 || encoding.length < 2) {
                continue;
            }
            try {
                maps.put(payloadType, new SdpMediaLine.RtpMap(encoding[0].trim(), Integer.parseInt(encoding[1].trim())));
            } catch (NumberFormatException e) {
                // an rtpmap we cannot read names no codec we could use; skip it
            }
        }
        return Map.copyOf(maps);
    }
}
