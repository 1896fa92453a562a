package org.confbridge.app;

import javax.ejb.ApplicationException;

/** The caller is authenticated but this operation is for administrator applications. Maps to 403. */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
