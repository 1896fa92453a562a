package org.confbridge.app.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Operator settings of the media engine, read from the server's published configuration
 * ({@code confbridge.<key>} system properties, set by the launcher from {@code CONF_*} variables and
 * {@code confbridge.properties}).
 *
 * @param bindAddress  {@code bind.address}: where RTP sockets bind (the address SIP listens on)
 * @param rtpPortMin   {@code rtp.port.min}: first RTP port
 * @param rtpPortMax   {@code rtp.port.max}: last RTP port
 * @param mediaTimeout {@code media.timeout.seconds} (default 30): a call whose RTP stops this long is ended
 * @param namesDir     {@code <data.dir>/names}: recorded caller names, deleted when no longer needed
 */
public record MediaSettings(InetAddress bindAddress, int rtpPortMin, int rtpPortMax, Duration mediaTimeout,
                            Path namesDir) {

    static final String PREFIX = "confbridge.";

    public MediaSettings {
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("invalid RTP port range " + rtpPortMin + "-" + rtpPortMax
                    + " (CONF_RTP_PORT_MIN / CONF_RTP_PORT_MAX must be within 1024-65535, min <= max)");
        }
        if (mediaTimeout.isNegative()) {
            throw new IllegalArgumentException("CONF_MEDIA_TIMEOUT_SECONDS must not be negative");
        }
    }

    /** Reads the published settings, with the launcher's defaults. */
    public static MediaSettings fromSystemProperties() {
        String bind = property("bind.address", "127.0.0.1");
        try {
            return new MediaSettings(InetAddress.getByName(bind),
                    intProperty("rtp.port.min", 40000),
                    intProperty("rtp.port.max", 40999),
                    Duration.ofSeconds(intProperty("media.timeout.seconds", 30)),
                    Path.of(property("data.dir", "./data")).resolve("names").toAbsolutePath().normalize());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("CONF_BIND_ADDRESS " + bind + " is not an address", e);
        }
    }

    private static String property(String key, String fallback) {
        String value = System.getProperty(PREFIX + key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int intProperty(String key, int fallback) {
        String value = property(key, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
    }
}
