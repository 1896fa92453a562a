package org.confbridge.app;

import javax.ejb.ApplicationException;

/** The thing does not exist for this caller (another client's things look the same). Maps to 404. */
@ApplicationException(rollback = true)
public class ResourceNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
