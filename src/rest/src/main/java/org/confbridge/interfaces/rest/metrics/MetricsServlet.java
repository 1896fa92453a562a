package org.confbridge.interfaces.rest.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.TokenService;
import org.confbridge.app.config.Settings;
import org.confbridge.app.metrics.ServerMetrics;
import org.confbridge.interfaces.rest.events.LiveEventsBinding;

/**
 * {@code GET /metrics} in the Prometheus text format. Needs {@code Authorization: Bearer <token>} with either
 * the scrape token of the setting {@code metrics.token} (a fixed secret for a Prometheus server, which then
 * needs no API credentials; at least 16 characters) or an API token of an administrator application (what
 * {@code POST /oauth/token} gives it). Anything else is 401.
 */
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());
    private static final int MIN_SCRAPE_TOKEN = 16;

    private transient volatile ServerMetrics metrics;
    private transient volatile TokenService tokens;
    private transient byte[] scrapeToken;

    @Override
    public void init() {
        String configured = Settings.current().get("metrics.token").orElse(null);
        if (configured != null && configured.length() < MIN_SCRAPE_TOKEN) {
            LOG.severe("CONF_METRICS_TOKEN is shorter than " + MIN_SCRAPE_TOKEN + " characters and is not accepted;"
                    + " /metrics takes administrators' API tokens only");
            configured = null;
        }
        scrapeToken = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authorized(request.getHeader("Authorization"))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"confbridge metrics\"");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"invalid_token\",\"error_description\":"
                    + "\"/metrics needs 'Authorization: Bearer <token>' with the scrape token (CONF_METRICS_TOKEN)"
                    + " or an administrator's API token\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ServerMetrics server = metrics();
        byte[] body = server.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(server.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = header.substring(7).trim();
        if (token.isEmpty()) {
            return false;
        }
        if (scrapeToken != null && MessageDigest.isEqual(scrapeToken, token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        Optional<ApiCaller> caller = tokens().authenticate(token);
        return caller.isPresent() && caller.get().administrator();
    }

    private ServerMetrics metrics() {
        ServerMetrics found = metrics;
        if (found == null) {
            found = LiveEventsBinding.lookup(ServerMetrics.class);
            metrics = found;
        }
        return found;
    }

    private TokenService tokens() {
        TokenService found = tokens;
        if (found == null) {
            found = LiveEventsBinding.lookup(TokenService.class);
            tokens = found;
        }
        return found;
    }
}
