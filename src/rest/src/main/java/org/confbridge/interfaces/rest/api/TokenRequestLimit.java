package org.confbridge.interfaces.rest.api;

import java.io.IOException;
import javax.annotation.Priority;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.FailedAuthenticationThrottle;

/**
 * The per source address limit on failed {@code POST /oauth/token} requests
 * ({@link FailedAuthenticationThrottle}): a blocked address is answered 429 with Retry-After before
 * its credentials are even looked at; every 401 the endpoint answers counts as a failure.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class TokenRequestLimit implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String BEAN = "java:global/confbridge/confbridge-app/FailedAuthenticationThrottle";
    private static final String BEAN_STANDALONE = "java:global/confbridge-app/FailedAuthenticationThrottle";

    @Context
    private HttpServletRequest servletRequest;

    private volatile FailedAuthenticationThrottle throttle;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isTokenRequest(request)) {
            throttle().requireAllowed(sourceAddress()); // TooManyAttemptsException: 429 (ApplicationExceptionMappers)
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (isTokenRequest(request) && response.getStatus() == 401) {
            throttle().failed(sourceAddress());
        }
    }

    private static boolean isTokenRequest(ContainerRequestContext request) {
        return "POST".equals(request.getMethod()) && request.getUriInfo().getBaseUri().getPath().endsWith("/oauth/")
                && "token".equals(request.getUriInfo().getPath());
    }

    private String sourceAddress() {
        try {
            return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return "unknown"; // not served by a servlet container (in-process tests)
        }
    }

    private FailedAuthenticationThrottle throttle() {
        FailedAuthenticationThrottle t = throttle;
        if (t == null) {
            t = lookup();
            throttle = t;
        }
        return t;
    }

    private static FailedAuthenticationThrottle lookup() {
        NamingException last = null;
        for (String name : new String[] {BEAN, BEAN_STANDALONE}) {
            try {
                return (FailedAuthenticationThrottle) new InitialContext().lookup(name);
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalStateException("EJB FailedAuthenticationThrottle not deployed", last);
    }
}
