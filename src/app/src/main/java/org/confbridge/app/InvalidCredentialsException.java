package org.confbridge.app;

import javax.ejb.ApplicationException;

/** Unknown client_id, wrong secret or revoked application (RFC 6749 "invalid_client"). */
@ApplicationException(rollback = true)
public class InvalidCredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super("client authentication failed");
    }
}
