package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthenticationCacheTest {

    private final AuthenticationCache cache = new AuthenticationCache();
    private final ApiCaller caller = new ApiCaller(7, 3, false);
    private final Instant t0 = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void remembersACheckedTokenForAFewSecondsOnly() {
        cache.remember("h", caller, t0.plusSeconds(3600), t0);

        assertThat(cache.lookup("h", t0.plusSeconds(1))).contains(caller);
        assertThat(cache.lookup("h", t0.plus(AuthenticationCache.FRESHNESS))).isEmpty();
        assertThat(cache.lookup("other", t0)).isEmpty();
    }

    @Test
    void neverAnswersForATokenPastItsExpiry() {
        cache.remember("h", caller, t0.plusSeconds(2), t0);

        assertThat(cache.lookup("h", t0.plusSeconds(1))).contains(caller);
        assertThat(cache.lookup("h", t0.plusSeconds(2))).isEmpty();
    }

    @Test
    void revokingAnApplicationForgetsAllItsTokensAndNoOthers() {
        ApiCaller other = new ApiCaller(8, 3, false);
        cache.remember("a1", caller, t0.plusSeconds(3600), t0);
        cache.remember("a2", caller, t0.plusSeconds(3600), t0);
        cache.remember("b", other, t0.plusSeconds(3600), t0);

        cache.evictApplication(7);

        assertThat(cache.lookup("a1", t0)).isEmpty();
        assertThat(cache.lookup("a2", t0)).isEmpty();
        assertThat(cache.lookup("b", t0)).contains(other);
    }

    @Test
    void invalidatingOneTokenForgetsThatTokenOnly() {
        cache.remember("a1", caller, t0.plusSeconds(3600), t0);
        cache.remember("a2", caller, t0.plusSeconds(3600), t0);

        cache.invalidateToken("a1");

        assertThat(cache.lookup("a1", t0)).isEmpty();
        assertThat(cache.lookup("a2", t0)).contains(caller);
    }
}
