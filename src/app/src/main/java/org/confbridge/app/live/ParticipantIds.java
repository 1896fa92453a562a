package org.confbridge.app.live;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.confbridge.domain.participant.ParticipantId;

/**
 * Participant ids: 12 characters of lower-case base 32 (60 random bits), opaque and URL-safe, unique
 * for all practical purposes. Nothing of the call (SIP Call-ID, tags, addresses) can be read from them.
 * Each thread draws from a generator of its own (the platform's default one is a single lock for the whole
 * JVM, which every joining caller's SIP thread queued on), 32 ids' worth of bytes at a time (a draw costs
 * a few hashes whatever its size).
 */
public final class ParticipantIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 12;
    private static final ThreadLocal<Bits> BITS = ThreadLocal.withInitial(Bits::new);

    private ParticipantIds() {
    }

    public static ParticipantId next() {
        long bits = BITS.get().nextLong();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return ParticipantId.of(new String(id));
    }

    /** True when {@code value} has the shape of an id made here (anything else is an unknown participant). */
    public static boolean isWellFormed(String value) {
        return value != null && value.matches("[a-z2-7]{" + LENGTH + "}");
    }

    /** One thread's random bits: a generator seeded from the system's entropy and what it drew last. */
    private static final class Bits {
        private final SecureRandom random = newRandom();
        private final byte[] drawn = new byte[32 * Long.BYTES];
        private int next = drawn.length;

        long nextLong() {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (drawn[next++] & 0xff);
            }
            return value;
        }

        private static SecureRandom newRandom() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }
}
