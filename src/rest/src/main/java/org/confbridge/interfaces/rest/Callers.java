package org.confbridge.interfaces.rest;

import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ResourceNotFoundException;

/** Reads the caller from the security context and resolves the {@code {client_id}} path segment. */
public final class Callers {

    /** Path value standing for the caller's own client. */
    public static final String ME = "@me";

    private Callers() {
    }

    public static ApiCaller of(SecurityContext security) {
        if (security == null || !(security.getUserPrincipal() instanceof CallerPrincipal principal)) {
            throw new IllegalStateException("resource reached without authentication");
        }
        return principal.caller();
    }

    /** {@code @me} or a numeric client id; anything else is a client that does not exist (404). */
    public static long clientId(ApiCaller caller, String pathValue) {
        if (ME.equals(pathValue)) {
            return caller.clientId();
        }
        try {
            return Long.parseLong(pathValue);
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException("client", pathValue);
        }
    }
}
