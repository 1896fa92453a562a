package org.confbridge.app;

import javax.ejb.ApplicationException;

/** Someone else changed the same row since it was read (optimistic locking); the attempt was rolled back. */
@ApplicationException(rollback = true)
public class ConcurrentChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(Throwable cause) {
        super("changed concurrently", cause);
    }
}
