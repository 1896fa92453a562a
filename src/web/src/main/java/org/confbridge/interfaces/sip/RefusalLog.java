package org.confbridge.interfaces.sip;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Logs refused floods as a summary, at most one line a minute, instead of a line per request (a flood
 * must not turn into a flood of log lines).
 */
final class RefusalLog {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());
    private static final long PERIOD_NANOS = 60_000_000_000L;

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - PERIOD_NANOS);

    void refused(String source) {
        refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= PERIOD_NANOS && lastLog.compareAndSet(last, now)) {
            long count = refused.getAndSet(0);
            LOG.warning(() -> count + " new call(s) refused in the last minute for exceeding the per-address rate"
                    + " (latest from " + source + ")");
        }
    }
}
