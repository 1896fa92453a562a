package org.confbridge.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568): its tag, suite and inline master key + salt. Only what a
 * conference bridge needs is accepted: a single inline key without MKI and with the default or a long enough
 * lifetime; anything else is "not usable" and the next attribute of the offer is tried.
 *
 * @param tag the attribute's tag (an answer echoes the tag of the offer it accepts)
 */
public record SdesCrypto(int tag, SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public SdesCrypto {
        Objects.requireNonNull(suite, "suite");
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        if (masterKey.length != SrtpSuite.KEY_LENGTH || masterSalt.length != SrtpSuite.SALT_LENGTH) {
            throw new IllegalArgumentException("master key must be 16 bytes and salt 14 bytes");
        }
        masterKey = masterKey.clone();
        masterSalt = masterSalt.clone();
    }

    /** A fresh random key for {@code suite} under {@code tag}. */
    public static SdesCrypto random(int tag, SrtpSuite suite) {
        byte[] key = new byte[SrtpSuite.KEY_LENGTH];
        byte[] salt = new byte[SrtpSuite.SALT_LENGTH];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(salt);
        return new SdesCrypto(tag, suite, key, salt);
    }

    /** The same key under another tag (an answer uses the offer's tag). */
    public SdesCrypto withTag(int newTag) {
        return new SdesCrypto(newTag, suite, masterKey, masterSalt);
    }

    /**
     * Reads the value of an {@code a=crypto} attribute, e.g.
     * {@code 1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4}.
     *
     * @return empty if the attribute is malformed or uses something we do not speak (suite, MKI, several keys,
     *         session parameters)
     */
    public static Optional<SdesCrypto> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] fields = value.trim().split("\\s+");
        if (fields.length != 3) {
            return Optional.empty(); // session parameters (e.g. UNENCRYPTED_SRTP) change the transform: not for us
        }
        Optional<SrtpSuite> suite = SrtpSuite.byName(fields[1]);
        if (suite.isEmpty() || !fields[2].regionMatches(true, 0, "inline:", 0, 7) || fields[2].contains(";")) {
            return Optional.empty();
        }
        String[] key = fields[2].substring(7).split("\\|");
        if (key.length > 2 && !key[2].isEmpty() || key.length > 3) {
            return Optional.empty(); // an MKI: every packet would carry it; nobody needs that for one stream
        }
        if (key.length == 2 && key[1].contains(":")) {
            return Optional.empty(); // "key|1:4" is an MKI without a lifetime
        }
        try {
            int tag = Integer.parseInt(fields[0]);
            byte[] material = Base64.getDecoder().decode(key[0]);
            if (material.length != SrtpSuite.KEY_LENGTH + SrtpSuite.SALT_LENGTH || tag < 0 || tag > 999_999_999) {
                return Optional.empty();
            }
            return Optional.of(new SdesCrypto(tag, suite.get(), Arrays.copyOf(material, SrtpSuite.KEY_LENGTH),
                    Arrays.copyOfRange(material, SrtpSuite.KEY_LENGTH, material.length)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The attribute value: {@code <tag> <suite> inline:<base64 key||salt>}. */
    public String toAttributeValue() {
        byte[] material = new byte[SrtpSuite.KEY_LENGTH + SrtpSuite.SALT_LENGTH];
        System.arraycopy(masterKey, 0, material, 0, SrtpSuite.KEY_LENGTH);
        System.arraycopy(masterSalt, 0, material, SrtpSuite.KEY_LENGTH, SrtpSuite.SALT_LENGTH);
        return tag + " " + suite.name() + " inline:" + Base64.getEncoder().encodeToString(material);
    }

    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    @Override
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SdesCrypto that && tag == that.tag && suite == that.suite
                && Arrays.equals(masterKey, that.masterKey) && Arrays.equals(masterSalt, that.masterSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, suite, Arrays.hashCode(masterKey), Arrays.hashCode(masterSalt));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SdesCrypto[" + tag + " " + suite + "]";
    }
}
