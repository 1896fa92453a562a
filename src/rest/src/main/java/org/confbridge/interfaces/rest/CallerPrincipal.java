package org.confbridge.interfaces.rest;

import java.security.Principal;
import org.confbridge.app.ApiCaller;

/** The authenticated application, as a JAX-RS principal. */
public record CallerPrincipal(ApiCaller caller) implements Principal {

    @Override
    public String getName() {
        return "application-" + caller.applicationId();
    }
}
