package org.confbridge.interfaces.rest.oauth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.confbridge.app.InvalidCredentialsException;
import org.confbridge.app.IssuedToken;
import org.confbridge.app.TokenService;
import org.confbridge.interfaces.rest.ErrorBody;
import org.confbridge.interfaces.rest.PublicEndpoint;

/**
 * {@code POST /oauth/token}: form fields {@code grant_type=client_credentials}, {@code client_id},
 * {@code client_secret} (or HTTP Basic with them, RFC 6749 section 2.3.1). Errors are RFC 6749 JSON.
 */
@Path("token")
@PublicEndpoint
@Tag(name = "oauth", description = "Bearer tokens for the API (OAuth 2.0 client credentials)")
public class TokenResource {

    private static final String GRANT = "client_credentials";

    private final TokenService tokens;

    @Inject
    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a bearer token (client credentials grant)",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class))),
                @ApiResponse(responseCode = "400", description = "invalid_request / unsupported_grant_type",
                        content = @Content(schema = @Schema(implementation = ErrorBody.class))),
                @ApiResponse(responseCode = "401", description = "invalid_client",
                        content = @Content(schema = @Schema(implementation = ErrorBody.class)))})
    public Response token(@FormParam("grant_type") String grantType,
                          @FormParam("client_id") String clientId,
                          @FormParam("client_secret") String clientSecret,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam("X-Requested-With") String requestedWith,
                          @HeaderParam("Sec-Fetch-Mode") String fetchMode) {
        if (grantType == null || grantType.isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "grant_type is missing");
        }
        if (!GRANT.equals(grantType)) {
            return error(Response.Status.BAD_REQUEST, "unsupported_grant_type",
                    "only grant_type=client_credentials is supported");
        }
        String[] basic = basicCredentials(authorization);
        if (basic != null) {
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "client_id and client_secret are required");
        }
        try {
            IssuedToken issued = tokens.issue(clientId, clientSecret);
            return noStore(Response.ok(new TokenResponse(issued.accessToken(), "Bearer",
                    issued.expiresIn().toSeconds()))).build();
        } catch (InvalidCredentialsException e) {
            Response.ResponseBuilder refused = Response.status(Response.Status.UNAUTHORIZED)
                    .entity(ErrorBody.of("invalid_client", "unknown client, wrong secret or revoked application"))
                    .type(MediaType.APPLICATION_JSON_TYPE);
            // RFC 6749 section 5.2: challenge a client that authenticated with HTTP Basic, unless a script in a
            // browser sent it (the API browser's Authorize dialog): a challenge would make the browser take over
            // with its own login box (and hang a headless one) instead of the page showing this error.
            if (basic != null && !fromBrowserScript(requestedWith, fetchMode)) {
                refused.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"confbridge\"");
            }
            return noStore(refused).build();
        }
    }

    /** XMLHttpRequest/fetch from a page: Swagger UI sets X-Requested-With; browsers set Sec-Fetch-Mode. */
    static boolean fromBrowserScript(String requestedWith, String fetchMode) {
        return requestedWith != null || fetchMode != null && !"navigate".equalsIgnoreCase(fetchMode);
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response error(Response.Status status, String code, String description) {
        return noStore(Response.status(status).entity(ErrorBody.of(code, description))
                .type(MediaType.APPLICATION_JSON_TYPE)).build();
    }

    /** RFC 6749 section 5.1: token responses must not be cached. */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return builder.cacheControl(cache).header("Pragma", "no-cache");
    }
}
