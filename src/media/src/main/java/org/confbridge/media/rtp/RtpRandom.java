package org.confbridge.media.rtp;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Where new RTP sessions draw their SSRC, first sequence number and first timestamp (RFC 3550 5.1, 8.1: random,
 * not predictable). Each thread has a {@link SecureRandom} of its own (a DRBG seeded from the system's entropy):
 * a {@code new SecureRandom()} per session cost a seed read under the JVM-wide lock of the platform's default
 * generator on every call's setup, which the joining callers' SIP threads queued on.
 */
final class RtpRandom {
    private static final ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(RtpRandom::newRandom);

    private RtpRandom() {
    }

    /** This thread's generator (use it on this thread only: do not keep it). */
    static SecureRandom current() {
        return PER_THREAD.get();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
