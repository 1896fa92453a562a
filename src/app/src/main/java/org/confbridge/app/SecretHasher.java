package org.confbridge.app;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Hashing of secrets. Application secrets: bcrypt (slow on purpose, salted). Bearer tokens: SHA-256
 * (they are 256 random bits, so a fast hash is enough and keeps every API request cheap).
 */
final class SecretHasher {

    private static final int BCRYPT_COST = 10;
    /** bcrypt reads at most 72 bytes; longer secrets are refused instead of silently truncated. */
    static final int MAX_SECRET_BYTES = 72;

    private final SecureRandom random = new SecureRandom();
    /**
     * A hash of a secret nobody knows, checked when there is no real hash, so every check costs the same.
     * Made once per process (a bcrypt per pooled bean instance cost ~3 % of CPU under load).
     */
    private static final String DUMMY_HASH = dummy();

    private static String dummy() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return BCrypt.withDefaults().hashToString(BCRYPT_COST, Base64.getEncoder().encodeToString(bytes).toCharArray());
    }

    String hashSecret(String secret) {
        return BCrypt.withDefaults().hashToString(BCRYPT_COST, secret.toCharArray());
    }

    /**
     * Whether {@code secret} matches {@code hash}. Costs one bcrypt check whatever the input: with no
     * hash (unknown client), an over-long secret (bcrypt cannot check it) or a malformed hash, the
     * dummy hash is checked instead and the answer is false. Never throws.
     */
    boolean secretMatches(String secret, String hash) {
        boolean usable = secret != null && hash != null
                && secret.getBytes(StandardCharsets.UTF_8).length <= MAX_SECRET_BYTES;
        String checked = usable ? secret : "not-the-secret";
        try {
            boolean verified = BCrypt.verifyer().verify(checked.toCharArray(), usable ? hash : DUMMY_HASH).verified;
            return usable && verified;
        } catch (IllegalArgumentException e) {
            BCrypt.verifyer().verify(checked.toCharArray(), DUMMY_HASH);
            return false;
        }
    }

    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
