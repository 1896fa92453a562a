package org.confbridge.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guessing OAuth client secrets over real HTTP: a source address that fails too often is refused
 * with 429 and Retry-After (while other addresses are served), a known client_id cannot be told from
 * an unknown one by the time the answer takes, and an over-long secret is just a wrong secret (401).
 * The shared server runs with the default limit (10 failures in 300 s); each test guesses from its
 * own random loopback address, so nobody else is blocked.
 */
@ExtendWith(SharedServer.class)
class TokenGuessingIT {

    private static final int DEFAULT_MAX_FAILURES = 10;

    private final RunningServer server;

    TokenGuessingIT(RunningServer server) {
        this.server = server;
    }

    @Test
    void aGuessingAddressIsBlockedWith429AndRetryAfterWhileOthersAreServed() {
        InetAddress attacker = RawHttp.randomLoopbackSource();
        for (int i = 1; i <= DEFAULT_MAX_FAILURES; i++) {
            RawHttp.Answer guess = RawHttp.tokenRequest(server.httpPort(), attacker, RunningServer.ADMIN_CLIENT_ID,
                    "guess-" + i);
            assertThat(guess.status()).as("guess %d: %s", i, guess.body()).isEqualTo(401);
        }

        RawHttp.Answer blocked = RawHttp.tokenRequest(server.httpPort(), attacker, RunningServer.ADMIN_CLIENT_ID, "guess-11");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(250L, 300L);
        assertThat(blocked.body()).contains("\"error\":\"too_many_requests\"");
        RawHttp.Answer rightSecretFromAttacker = RawHttp.tokenRequest(server.httpPort(), attacker,
                RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        assertThat(rightSecretFromAttacker.status()).as("no oracle while blocked").isEqualTo(429);

        RawHttp.Answer other = RawHttp.tokenRequest(server.httpPort(), RawHttp.randomLoopbackSource(),
                RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        ApiClient api = new ApiClient(server.baseUrl());
        String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        assertThat(api.get("/api/ver1.0/client/@me", token).status()).isEqualTo(200);
    }

    @Test
    void aKnownClientIdTakesAsLongAsAnUnknownOne() {
        InetAddress source = RawHttp.randomLoopbackSource();
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 8 failures: under the limit of 10
            known.add(RawHttp.tokenRequest(server.httpPort(), source, RunningServer.ADMIN_CLIENT_ID, "wrong-" + i).millis());
            unknown.add(RawHttp.tokenRequest(server.httpPort(), source, "nobody-" + i, "wrong-" + i).millis());
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        // Before: ~80 ms (bcrypt) against ~2 ms (no such row). Now both pay one bcrypt check.
        assertThat(unknownMedian).as("known %s ms, unknown %s ms", known, unknown)
                .isGreaterThanOrEqualTo(knownMedian / 2);
        assertThat(knownMedian).as("known %s ms, unknown %s ms", known, unknown)
                .isGreaterThanOrEqualTo(unknownMedian / 2);
    }

    @Test
    void aSecretLongerThan72BytesIsAWrongSecretNotAServerError() {
        InetAddress source = RawHttp.randomLoopbackSource();
        RawHttp.Answer known = RawHttp.tokenRequest(server.httpPort(), source, RunningServer.ADMIN_CLIENT_ID,
                "x".repeat(73));
        assertThat(known.status()).as(known.body()).isEqualTo(401);
        assertThat(known.body()).contains("invalid_client");
        RawHttp.Answer huge = RawHttp.tokenRequest(server.httpPort(), source, RunningServer.ADMIN_CLIENT_ID,
                "\u00e9".repeat(5000));
        assertThat(huge.status()).as(huge.body()).isEqualTo(401);
        RawHttp.Answer unknown = RawHttp.tokenRequest(server.httpPort(), source, "nobody", "x".repeat(73));
        assertThat(unknown.status()).isEqualTo(401);

        RawHttp.Answer right = RawHttp.tokenRequest(server.httpPort(), source, RunningServer.ADMIN_CLIENT_ID,
                RunningServer.ADMIN_CLIENT_SECRET);
        assertThat(right.status()).as(right.body()).isEqualTo(200);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
