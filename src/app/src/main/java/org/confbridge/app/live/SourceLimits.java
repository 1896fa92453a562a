package org.confbridge.app.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.confbridge.app.config.Settings;
import org.confbridge.app.limits.FailureBlocker;

/**
 * Limits per source address of SIP requests, against floods and PIN guessing:
 * <ul>
 *   <li>new calls (INVITE): a token bucket of {@code sip.invite.rate} per second with bursts of
 *       {@code sip.invite.burst}; beyond it the source is answered 503 with Retry-After;</li>
 *   <li>wrong PINs: {@code pin.failures.max} wrong PINs within {@code pin.failures.window.seconds} block
 *       the source's calls (403) for {@code pin.block.seconds}, logged once per block.</li>
 * </ul>
 * Thread-safe; memory is bounded ({@link #MAX_SOURCES} sources tracked, the idle ones forgotten first).
 */
public final class SourceLimits {

    private static final Logger LOG = Logger.getLogger(SourceLimits.class.getName());
    static final int MAX_SOURCES = 100_000;

    /** The limits (all configurable, with safe defaults). */
    public record Limits(double invitesPerSecond, int inviteBurst, int wrongPinsMax, Duration wrongPinWindow,
                         Duration pinBlock) {
        public static Limits fromSettings(Settings settings) {
            return new Limits(settings.number("sip.invite.rate", 20, 1, 100_000),
                    (int) settings.number("sip.invite.burst", 40, 1, 1_000_000),
                    (int) settings.number("pin.failures.max", 5, 1, 1000),
                    Duration.ofSeconds(settings.number("pin.failures.window.seconds", 600, 1, 86_400)),
                    Duration.ofSeconds(settings.number("pin.block.seconds", 600, 1, 86_400)));
        }
    }

    /** The INVITE token bucket of one address. */
    private static final class Source {
        double tokens;
        long refilledNanos;
        volatile long lastSeenNanos;

        Source(double tokens, long now) {
            this.tokens = tokens;
            this.refilledNanos = now;
            this.lastSeenNanos = now;
        }
    }

    private final Limits limits;
    private final java.util.function.LongSupplier nanoTime;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final FailureBlocker wrongPins;

    public SourceLimits(Limits limits, Clock clock, java.util.function.LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.wrongPins = new FailureBlocker(limits.wrongPinsMax(), limits.wrongPinWindow(), limits.pinBlock(), clock,
                MAX_SOURCES);
    }

    /** True when a new call from {@code source} may be served now (takes one token). */
    public boolean allowInvite(String source) {
        Source s = source(source);
        synchronized (s) {
            long now = nanoTime.getAsLong();
            s.tokens = Math.min(limits.inviteBurst(), s.tokens + (now - s.refilledNanos) / 1e9 * limits.invitesPerSecond());
            s.refilledNanos = now;
            if (s.tokens < 1) {
                return false;
            }
            s.tokens -= 1;
            return true;
        }
    }

    /** Seconds until {@code source} may call again after wrong PINs, or 0 when it is not blocked. */
    public long pinBlockedSeconds(String source) {
        Duration wait = wrongPins.blockedFor(source);
        return wait.isZero() ? 0 : FailureBlocker.seconds(wait);
    }

    /** A caller from {@code source} keyed a wrong PIN. */
    public void wrongPin(String source) {
        if (wrongPins.failed(source)) {
            LOG.warning(() -> "calls from " + source + " refused for " + limits.pinBlock().toSeconds() + " s: "
                    + limits.wrongPinsMax() + " wrong PINs within " + limits.wrongPinWindow().toSeconds() + " s");
        }
    }

    private Source source(String address) {
        long now = nanoTime.getAsLong();
        Source s = sources.get(address);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                forgetIdle(now);
            }
            s = sources.computeIfAbsent(address, a -> new Source(limits.inviteBurst(), now));
        }
        s.lastSeenNanos = now;
        return s;
    }

    /** Forgets buckets idle long enough to be full again (their state no longer matters). */
    private void forgetIdle(long now) {
        long refillNanos = (long) (limits.inviteBurst() / limits.invitesPerSecond() * 1e9);
        sources.entrySet().removeIf(e -> now - e.getValue().lastSeenNanos > refillNanos);
        if (sources.size() >= MAX_SOURCES) {
            sources.entrySet().removeIf(e -> now - e.getValue().lastSeenNanos > 1_000_000_000L); // flooded: keep the active
        }
    }

}
