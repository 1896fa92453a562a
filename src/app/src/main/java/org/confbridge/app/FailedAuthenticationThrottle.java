package org.confbridge.app;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.app.limits.FailureBlocker;

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

    private FailureBlocker blocker;

    @PostConstruct
    void readSettings() {
        ResilienceSettings s = ResilienceSettings.fromEnvironment();
        configure(s.oauthMaxFailures(), s.oauthFailureWindow(), s.oauthBlock(), Clock.systemUTC());
    }

    /** For unit tests. */
    void configure(int maxFailures, Duration window, Duration block, Clock clock) {
        this.blocker = new FailureBlocker(maxFailures, window, block, clock, MAX_SOURCES);
    }

    /** Throws {@link TooManyAttemptsException} while {@code sourceAddress} is blocked. */
    public void requireAllowed(String sourceAddress) {
        Duration wait = blocker.blockedFor(sourceAddress);
        if (!wait.isZero()) {
            throw new TooManyAttemptsException("too many failed token requests from this address; try again in "
                    + seconds(wait) + " s", wait);
        }
    }

    /** Counts one failed authentication from {@code sourceAddress}. */
    public void failed(String sourceAddress) {
        if (blocker.failed(sourceAddress)) {
            LOG.warning(() -> "blocked token requests from " + sourceAddress + " for " + blocker.block().toSeconds()
                    + " s after " + blocker.maxFailures() + " failures within " + blocker.window().toSeconds() + " s");
        }
    }

    static long seconds(Duration wait) {
        return FailureBlocker.seconds(wait);
    }
}
