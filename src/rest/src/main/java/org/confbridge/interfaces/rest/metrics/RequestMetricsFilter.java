package org.confbridge.interfaces.rest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.metrics.ServerMetrics;
import org.confbridge.interfaces.rest.events.LiveEventsBinding;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every REST request ({@code http.server.requests}: method, route template such as
 * {@code /ver1.0/client/{client_id}/extension/{extension_id}}, status), refused ones included. Runs before
 * matching so the clock starts first; the route is read when the response goes out.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(RequestMetricsFilter.class.getName());
    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private volatile MeterRegistry registry;
    private volatile boolean unavailable;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        MeterRegistry meters = registry();
        if (!(started instanceof Long since) || meters == null) {
            return;
        }
        Timer.builder("http.server.requests")
                .description("REST requests by method, route template and status")
                .tag("method", request.getMethod())
                .tag("route", route(request.getUriInfo()))
                .tag("status", String.valueOf(response.getStatus()))
                .serviceLevelObjectives(BUCKETS)
                .register(meters)
                .record(System.nanoTime() - since, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The matched templates joined, outermost first; {@code unmatched} when no resource matched (404). */
    private static String route(UriInfo uriInfo) {
        if (!(uriInfo instanceof ExtendedUriInfo extended)) {
            return "unknown";
        }
        List<UriTemplate> templates = extended.getMatchedTemplates();
        if (templates.isEmpty()) {
            return "unmatched";
        }
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (!part.startsWith("/")) {
                route.append('/');
            }
            route.append(part);
        }
        return route.toString().replaceAll("/+", "/");
    }

    private MeterRegistry registry() {
        MeterRegistry found = registry;
        if (found == null && !unavailable) {
            try {
                found = LiveEventsBinding.lookup(ServerMetrics.class).registry();
                registry = found;
            } catch (RuntimeException e) {
                unavailable = true;
                LOG.log(Level.WARNING, "no meter registry: REST requests are not measured", e);
            }
        }
        return found;
    }
}
