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

    String hashSecret(String secret) {
        return BCrypt.withDefaults().hashToString(BCRYPT_COST, secret.toCharArray());
    }

    boolean secretMatches(String secret, String hash) {
        return BCrypt.verifyer().verify(secret.toCharArray(), hash).verified;
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
