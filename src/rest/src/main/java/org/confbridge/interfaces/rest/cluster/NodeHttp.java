package org.confbridge.interfaces.rest.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;

/**
 * The HTTP client one node uses to ask another. Made on first use only: a single server never asks another
 * node, so it starts no client thread (which the web container would report as left running at stop).
 */
final class NodeHttp {

    private NodeHttp() {
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
    }

    static HttpClient client() {
        return Holder.CLIENT;
    }

    /**
     * The same request (path, query, the caller's token and these {@code headers}) addressed to another node's
     * HTTP address, marked as sent by node {@code me} so the receiver serves it itself.
     */
    static HttpRequest.Builder sameRequestTo(String httpAddress, ContainerRequestContext request, String me,
            String... headers) {
        URI incoming = request.getUriInfo().getRequestUri();
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create("http://" + httpAddress + incoming.getRawPath()
                + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery())))
                .header(LiveActionForwarding.FORWARDED_BY, me);
        for (String header : headers) {
            String value = request.getHeaderString(header);
            if (value != null) {
                out.header(header, value);
            }
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            out.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return out;
    }
}
