package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher();
    private final String hash = hasher.hashSecret("right-secret");

    @Test
    void matchesOnlyTheRightSecret() {
        assertThat(hasher.secretMatches("right-secret", hash)).isTrue();
        assertThat(hasher.secretMatches("wrong-secret", hash)).isFalse();
    }

    @Test
    void overLongSecretsNoHashAndBrokenHashesAreWrongNotErrors() {
        assertThat(hasher.secretMatches("x".repeat(73), hash)).isFalse();
        assertThat(hasher.secretMatches("\u00e9".repeat(37), hash)).as("74 bytes in UTF-8").isFalse();
        assertThat(hasher.secretMatches("right-secret", null)).isFalse();
        assertThat(hasher.secretMatches("right-secret", "not-a-bcrypt-hash")).isFalse();
        assertThat(hasher.secretMatches(null, hash)).isFalse();
    }

    @Test
    void aMissingHashCostsABcryptCheckLikeARealOne() {
        for (int i = 0; i < 3; i++) { // warm up
            hasher.secretMatches("a", hash);
            hasher.secretMatches("a", null);
        }
        long real = time(() -> hasher.secretMatches("wrong", hash));
        long none = time(() -> hasher.secretMatches("wrong", null));
        assertThat(none).as("no hash %d us, real hash %d us", none / 1000, real / 1000).isGreaterThan(real / 3);
    }

    private static long time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
