package org.confbridge.media.srtp;

import java.util.Optional;

/** The SDES crypto suites we speak (RFC 4568 section 6.2): AES-128 counter mode with an 80- or 32-bit HMAC-SHA1 tag. */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key and salt lengths of both suites, in bytes. */
    public static final int KEY_LENGTH = 16;
    public static final int SALT_LENGTH = 14;

    private final int tagLength;

    SrtpSuite(int tagLength) {
        this.tagLength = tagLength;
    }

    /** Bytes the authentication tag adds to every RTP packet. */
    public int tagLength() {
        return tagLength;
    }

    /** The suite named in an {@code a=crypto} line, if we speak it. */
    public static Optional<SrtpSuite> byName(String name) {
        for (SrtpSuite suite : values()) {
            if (suite.name().equalsIgnoreCase(name)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
