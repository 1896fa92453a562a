package org.confbridge.app;

import java.time.Duration;
import javax.ejb.ApplicationException;

/**
 * The request cannot be served now for a reason that passes by itself: the database is unreachable
 * (503) or the data disk is full (507). Nothing was changed. {@link #retryAfter()} is a hint for the
 * client's Retry-After.
 */
@ApplicationException(rollback = true)
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is missing. */
    public enum Reason { DATABASE, DISK_FULL }

    private final Reason reason;
    private final Duration retryAfter;

    public ServiceUnavailableException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
