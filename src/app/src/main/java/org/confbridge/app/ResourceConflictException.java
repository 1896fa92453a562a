package org.confbridge.app;

import javax.ejb.ApplicationException;

/** The request clashes with the current state (duplicate name, sound in use, live conference). Maps to 409. */
@ApplicationException(rollback = true)
public class ResourceConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResourceConflictException(String message) {
        super(message);
    }
}
