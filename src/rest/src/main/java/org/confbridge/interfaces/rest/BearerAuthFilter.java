package org.confbridge.interfaces.rest;

import java.security.Principal;
import java.util.Optional;
import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.TokenService;

/**
 * RFC 6750 bearer tokens. Runs after resource matching and guards every resource except those
 * marked {@link PublicEndpoint} and the health resource, so protection does not depend on how
 * the servlet mapping shapes the path. A missing or bad token: 401 with a JSON body and a
 * {@code WWW-Authenticate: Bearer} challenge.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

    private static final String HEALTH_PACKAGE = "org.confbridge.interfaces.rest.health";

    @Context
    private ResourceInfo resourceInfo;

    private final TokenService tokens;

    @Inject
    public BearerAuthFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> resource = resourceInfo.getResourceClass();
        if (resource == null || resource.isAnnotationPresent(PublicEndpoint.class)
                || resource.getPackageName().equals(HEALTH_PACKAGE)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.abortWith(unauthorized("invalid_request", "a bearer token is required: get one from POST /oauth/token"
                    + " and send it as 'Authorization: Bearer <token>'"));
            return;
        }
        Optional<ApiCaller> caller = tokens.authenticate(header.substring(7).trim());
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("invalid_token", "the access token is unknown, expired or revoked"));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller.get());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return "administrator".equals(role) && principal.caller().administrator();
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static Response unauthorized(String error, String description) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"confbridge\", error=\"" + error + "\"")
                .entity(ErrorBody.of(error, description))
                .type("application/json")
                .build();
    }
}
