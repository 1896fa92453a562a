package org.confbridge.app;

import java.time.Duration;
import javax.ejb.ApplicationException;

/** Too many failed attempts from one source address: answered 429 with Retry-After. */
@ApplicationException(rollback = true)
public class TooManyAttemptsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
