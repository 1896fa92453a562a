package org.confbridge.interfaces.rest.cluster;

import java.net.http.HttpClient;
import java.time.Duration;

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
}
