package org.confbridge.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/**
 * Per source address limit on failed OAuth token requests: after CONF_OAUTH_MAX_FAILURES failures
 * within CONF_OAUTH_FAILURE_WINDOW_SECONDS, every token request from that address is refused (429)
 * for CONF_OAUTH_BLOCK_SECONDS, right ones included (else the limit would tell a guesser when it is
 * right). Each block is logged once. Memory is bounded: at most {@link #MAX_SOURCES} addresses are
 * tracked, the stalest are dropped first. Per node: a cluster of N nodes allows N times the failures.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FailedAuthenticationThrottle {

    static final int MAX_SOURCES = 50_000;
    private static final Logger LOG = Logger.getLogger(FailedAuthenticationThrottle.class.getName());

    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int maxFailures;
    private Duration window;
    private Duration block;

    @PostConstruct
    void readSettings() {
        ResilienceSettings s = ResilienceSettings.fromEnvironment();
        configure(s.oauthMaxFailures(), s.oauthFailureWindow(), s.oauthBlock(), Clock.systemUTC());
    }

    /** For unit tests. */
    void configure(int maxFailures, Duration window, Duration block, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
        this.clock = clock;
    }

    /** Throws {@link TooManyAttemptsException} while {@code sourceAddress} is blocked. */
    public void requireAllowed(String sourceAddress) {
        Source source = sources.get(key(sourceAddress));
        if (source == null) {
            return;
        }
        Duration wait = source.blockedFor(clock.instant());
        if (!wait.isZero()) {
            throw new TooManyAttemptsException("too many failed token requests from this address; try again in "
                    + seconds(wait) + " s", wait);
        }
    }

    /** Counts one failed authentication from {@code sourceAddress}. */
    public void failed(String sourceAddress) {
        String key = key(sourceAddress);
        if (sources.size() >= MAX_SOURCES && !sources.containsKey(key)) {
            evictStalest();
        }
        Instant now = clock.instant();
        Source source = sources.computeIfAbsent(key, k -> new Source());
        if (source.fail(now, maxFailures, window, block)) {
            LOG.warning(() -> "blocked token requests from " + key + " for " + block.toSeconds() + " s after "
                    + maxFailures + " failures within " + window.toSeconds() + " s");
        }
    }

    private void evictStalest() {
        Instant now = clock.instant();
        sources.entrySet().removeIf(e -> e.getValue().idle(now, window));
        if (sources.size() >= MAX_SOURCES) {
            sources.clear(); // every address is active: start over rather than grow without bound
        }
    }

    private static String key(String sourceAddress) {
        return sourceAddress == null || sourceAddress.isEmpty() ? "unknown" : sourceAddress;
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** Failures of one address: their times within the window, and the end of a block. */
    private static final class Source {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant blockedUntil = Instant.MIN;

        synchronized Duration blockedFor(Instant now) {
            return now.isBefore(blockedUntil) ? Duration.between(now, blockedUntil) : Duration.ZERO;
        }

        /** Returns true when this failure starts a block. */
        synchronized boolean fail(Instant now, int max, Duration window, Duration block) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(window))) {
                failures.pollFirst();
            }
            failures.addLast(now);
            if (failures.size() >= max && !now.isBefore(blockedUntil)) {
                blockedUntil = now.plus(block);
                failures.clear();
                return true;
            }
            return false;
        }

        synchronized boolean idle(Instant now, Duration window) {
            return !now.isBefore(blockedUntil) && (failures.isEmpty()
                    || !failures.peekLast().isAfter(now.minus(window)));
        }
    }
}
