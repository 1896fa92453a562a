package org.confbridge.app.cluster;

import java.time.Duration;
import org.confbridge.app.config.Settings;

/**
 * Who this node is in the cluster and how quickly a silent node loses its conferences.
 *
 * @param enabled     {@code cluster.enabled}: take part in a cluster (claims in the shared database)
 * @param nodeId      {@code node.id}: unique per node (default {@code <bind address>:<sip port>})
 * @param sipAddress  {@code node.sip.address}: host:port the load balancer and redirects send callers to
 * @param httpAddress {@code node.http.address}: host:port other nodes forward live REST actions to
 * @param lease       {@code cluster.lease.ms}: a claim not renewed for this long may be taken over;
 *                    heartbeats renew it four times per lease
 */
public record ClusterSettings(boolean enabled, String nodeId, String sipAddress, String httpAddress, Duration lease) {

    public static ClusterSettings from(Settings settings) {
        String bind = settings.string("bind.address", "127.0.0.1");
        String sip = hostPort(bind, settings.string("sip.port", "5080"));
        String http = hostPort(bind, settings.string("http.port", "8080"));
        String nodeId = settings.string("node.id", sip);
        if (nodeId.length() > 64) {
            throw new IllegalArgumentException("CONF_NODE_ID (node.id) must have at most 64 characters");
        }
        return new ClusterSettings(Boolean.parseBoolean(settings.string("cluster.enabled", "false")), nodeId,
                settings.string("node.sip.address", sip), settings.string("node.http.address", http),
                Duration.ofMillis(settings.number("cluster.lease.ms", 3000, 1000, 600_000)));
    }

    /** How often a node renews its heartbeat and its leases. */
    public Duration heartbeat() {
        return lease.dividedBy(4);
    }

    private static String hostPort(String host, String port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
