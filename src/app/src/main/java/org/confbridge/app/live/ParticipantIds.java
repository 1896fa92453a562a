package org.confbridge.app.live;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.confbridge.domain.participant.ParticipantId;

/**
 * Participant ids: 12 characters of lower-case base 32 (60 random bits), opaque and URL-safe, unique
 * for all practical purposes. Nothing of the call (SIP Call-ID, tags, addresses) can be read from them.
 * Each thread draws from a generator of its own: the platform's default one is a single lock for the whole
 * JVM, which every joining caller's SIP thread queued on.
 */
public final class ParticipantIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ParticipantIds::newRandom);
    private static final int LENGTH = 12;

    private ParticipantIds() {
    }

    public static ParticipantId next() {
        long bits = RANDOM.get().nextLong();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return ParticipantId.of(new String(id));
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG"); // seeded from the system's entropy, locked per instance
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** True when {@code value} has the shape of an id made here (anything else is an unknown participant). */
    public static boolean isWellFormed(String value) {
        return value != null && value.matches("[a-z2-7]{" + LENGTH + "}");
    }
}
