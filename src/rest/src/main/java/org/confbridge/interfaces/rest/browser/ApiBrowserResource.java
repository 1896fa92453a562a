package org.confbridge.interfaces.rest.browser;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.confbridge.interfaces.rest.PublicEndpoint;

/**
 * {@code GET /api/browser/}: Swagger UI from the {@code org.webjars:swagger-ui} jar. Only its
 * start-up configuration ({@code swagger-initializer.js}) is ours: load our OpenAPI document and
 * keep the authorization between reloads.
 */
@Path("browser")
@PublicEndpoint
@Hidden
public class ApiBrowserResource {

    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "application/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "map", "application/json");

    private final String webjarRoot = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

    @Context
    private UriInfo uriInfo;

    @GET
    public Response index() {
        String path = uriInfo.getAbsolutePath().getPath();
        if (!path.endsWith("/")) {
            // Swagger UI's page uses relative links: it must be served from a "directory" URL.
            return Response.seeOther(URI.create(path + "/")).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file: [A-Za-z0-9._-]+}")
    public Response file(@PathParam("file") String file) {
        if (file.equals("swagger-initializer.js")) {
            return Response.ok(initializer(), TYPES.get("js")).build();
        }
        InputStream in = ApiBrowserResource.class.getResourceAsStream(webjarRoot + file);
        if (in == null) {
            throw new NotFoundException("no such file in the API browser: " + file);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        return Response.ok(in, TYPES.getOrDefault(ext, "application/octet-stream")).build();
    }

    private static String initializer() {
        return """
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "../openapi.json",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    persistAuthorization: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                    layout: "StandaloneLayout"
                  });
                };
                """;
    }

    private static String webjarVersion() {
        try (InputStream in = ApiBrowserResource.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
