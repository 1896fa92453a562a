package org.confbridge.interfaces.rest;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.TokenService;
import org.confbridge.interfaces.rest.api.ApplicationResource;

/**
 * RFC 6750 bearer tokens. Runs after resource matching and guards every resource except those
 * marked {@link PublicEndpoint} and the health resource, so protection does not depend on how
 * the servlet mapping shapes the path. A missing or bad token: 401 with a JSON body and a
 * {@code WWW-Authenticate: Bearer} challenge.
 *
 * <p>Cheap on the hot path: a token that was valid is remembered here for {@link #REMEMBER_NANOS} (half a second),
 * so a client sending many requests costs two EJB calls per second instead of one per request; a revoked or
 * expired token is refused at most that much later, except that a change to an application through this
 * server (e.g. revoking it) forgets every remembered token at once. The map is bounded.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String HEALTH_PACKAGE = "org.confbridge.interfaces.rest.health";

    @Context
    private ResourceInfo resourceInfo;

    /** How long a positive answer is reused: revocation and expiry apply at most this much later. */
    static final long REMEMBER_NANOS = 500_000_000L; // + the cluster's 250 ms revocation poll: < 1 s
    private static final int MAX_REMEMBERED = 10_000;

    private final TokenService tokens;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

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
        Optional<ApiCaller> caller = authenticate(header.substring(7).trim());
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

    /** A successful change of an application (revocation) must take effect at once: forget every token. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) && resourceInfo.getResourceClass() == ApplicationResource.class
                && response.getStatus() < 300) {
            recent.clear();
        }
    }

    private Optional<ApiCaller> authenticate(String token) {
        long now = System.nanoTime();
        Remembered remembered = recent.get(token);
        if (remembered != null && now - remembered.since < REMEMBER_NANOS) {
            return Optional.of(remembered.caller);
        }
        Optional<ApiCaller> caller = tokens.authenticate(token);
        if (caller.isPresent()) {
            if (recent.size() >= MAX_REMEMBERED) {
                recent.clear();
            }
            recent.put(token, new Remembered(caller.get(), now));
        } else if (remembered != null) {
            recent.remove(token);
        }
        return caller;
    }

    private record Remembered(ApiCaller caller, long since) {
    }

    private static Response unauthorized(String error, String description) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"confbridge\", error=\"" + error + "\"")
                .entity(ErrorBody.of(error, description))
                .type("application/json")
                .build();
    }
}
