package org.confbridge.interfaces.rest.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.TokenService;
import org.confbridge.app.metrics.ServerMetrics;
import org.confbridge.interfaces.rest.events.LiveEventsBinding;

/**
 * {@code GET /metrics} in the Prometheus text format. Needs {@code Authorization: Bearer <token>} with an API
 * token of an administrator application (what {@code POST /oauth/token} gives it). Anything else is 401.
 */
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient volatile ServerMetrics metrics;
    private transient volatile TokenService tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authorized(request.getHeader("Authorization"))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"confbridge metrics\"");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"invalid_token\",\"error_description\":"
                    + "\"/metrics needs 'Authorization: Bearer <token>' with an administrator's API"
                    + " token\"}").getBytes(StandardCharsets.UTF_8));
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
