package org.confbridge.interfaces.rest.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.confbridge.interfaces.rest.cluster.NodeView;

/**
 * The health check's body.
 *
 * @param status         UP or DOWN
 * @param problems       why it is DOWN, one sentence each (empty when UP)
 * @param sip            the SIP listening points
 * @param database       database reachability
 * @param disk           free space on the data directory's disk
 * @param liveCalls      calls currently in conferences
 * @param uptimeSeconds  seconds since the server process started
 * @param startedAt      when it started (ISO 8601)
 * @param node           this node's id, whether it is draining, and the cluster view (nodes alive,
 *                       conferences owned) when it is part of a cluster
 */
public record HealthReport(
        String status,
        List<String> problems,
        @JsonProperty("sip_listening_points") List<ListeningPoint> sip,
        Database database,
        Disk disk,
        @JsonProperty("live_calls") int liveCalls,
        @JsonProperty("uptime_seconds") long uptimeSeconds,
        @JsonProperty("started_at") String startedAt,
        NodeView node) {

    /** {@code error} only when down. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Database(
            String status,
            String product,
            @JsonProperty("response_ms") long responseMillis,
            String error) {
    }

    /** {@code reason} only when down (writes are then refused with 507). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Disk(
            String status,
            @JsonProperty("usable_bytes") long usableBytes,
            @JsonProperty("min_free_bytes") long minFreeBytes,
            String reason) {
    }
}
