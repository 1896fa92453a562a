package org.confbridge.interfaces.rest.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The live dashboard's files ({@code /dashboard/}: one HTML page, its script and style), served from this
 * package. The page itself holds no data: the administrator enters an API token, and the page calls the
 * REST API and the event stream with it.
 */
public class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of(
            "/", "text/html; charset=utf-8",
            "/dashboard.js", "text/javascript; charset=utf-8",
            "/dashboard.css", "text/css; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        String type = FILES.get(path);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String name = "/".equals(path) ? "index.html" : path.substring(1);
        try (InputStream in = DashboardServlet.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] body = in.readAllBytes();
            response.setContentType(type);
            response.setContentLength(body.length);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Content-Security-Policy",
                    "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            response.getOutputStream().write(body);
        }
    }
}
