package org.confbridge.interfaces.rest.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.Components;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;
import org.confbridge.interfaces.rest.PublicEndpoint;

/**
 * {@code GET /api/openapi.json}: the OpenAPI document of every registered resource. Resource paths
 * are relative to the Jersey servlet mapping, so the document prefixes them with the mapping they
 * are served under ({@code /oauth} for the token endpoint, the API's base path for the rest).
 */
@Path("openapi.json")
@PublicEndpoint
@Hidden
public class OpenApiResource {

    private static final String TOKEN_PACKAGE = "org.confbridge.interfaces.rest.oauth";

    @Context
    private Application application;

    @Context
    private UriInfo uriInfo;

    private volatile String cached;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() throws JsonProcessingException {
        String doc = cached;
        if (doc == null) {
            doc = Json.pretty(build(apiBase(), oauthBase()));
            cached = doc;
        }
        return doc;
    }

    private String apiBase() {
        String base = uriInfo.getBaseUri().getPath();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String oauthBase() {
        String api = apiBase();
        int slash = api.lastIndexOf('/');
        return (slash < 0 ? "" : api.substring(0, slash)) + "/oauth";
    }

    OpenAPI build(String apiBase, String oauthBase) {
        Set<Class<?>> api = new LinkedHashSet<>();
        Set<Class<?>> oauth = new LinkedHashSet<>();
        for (Class<?> c : application.getClasses()) {
            if (c.isAnnotationPresent(Path.class) && !c.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                (c.getPackageName().equals(TOKEN_PACKAGE) ? oauth : api).add(c);
            }
        }
        OpenAPI doc = new OpenAPI()
                .info(new Info().title("confbridge configuration API").version("1.0")
                        .description("Clients, applications, conference extensions, conference properties and "
                                + "sound files. Authorize with an application's client_id and client_secret "
                                + "(OAuth2 client credentials), then try any call."))
                .addServersItem(new Server().url("/"))
                .components(new Components().addSecuritySchemes("oauth2", new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().clientCredentials(new OAuthFlow()
                                .tokenUrl(oauthBase + "/token")
                                .scopes(new io.swagger.v3.oas.models.security.Scopes())))));
        Paths paths = new Paths();
        paths.putAll(prefixed(read(api), apiBase));
        paths.putAll(prefixed(read(oauth), oauthBase));
        doc.paths(paths);
        Components read = read(api).getComponents();
        if (read != null && read.getSchemas() != null) {
            read.getSchemas().forEach(doc.getComponents()::addSchemas);
        }
        Components tokenSchemas = read(oauth).getComponents();
        if (tokenSchemas != null && tokenSchemas.getSchemas() != null) {
            tokenSchemas.getSchemas().forEach(doc.getComponents()::addSchemas);
        }
        return doc;
    }

    private static OpenAPI read(Set<Class<?>> classes) {
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(new OpenAPI()));
        return reader.read(classes);
    }

    private static Paths prefixed(OpenAPI part, String prefix) {
        Paths out = new Paths();
        if (part.getPaths() != null) {
            for (Map.Entry<String, io.swagger.v3.oas.models.PathItem> e : part.getPaths().entrySet()) {
                String path = e.getKey().startsWith("/") ? e.getKey() : "/" + e.getKey();
                out.addPathItem(prefix + path, e.getValue());
            }
        }
        return out;
    }
}
