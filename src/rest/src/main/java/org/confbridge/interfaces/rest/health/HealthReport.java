package org.confbridge.interfaces.rest.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The health check's body.
 *
 * @param status         UP or DOWN
 * @param sip            the SIP listening points
 * @param database       database reachability
 * @param liveCalls      calls currently in conferences
 * @param uptimeSeconds  seconds since the server process started
 * @param startedAt      when it started (ISO 8601)
 */
public record HealthReport(
        String status,
        @JsonProperty("sip_listening_points") List<ListeningPoint> sip,
        Database database,
        @JsonProperty("live_calls") int liveCalls,
        @JsonProperty("uptime_seconds") long uptimeSeconds,
        @JsonProperty("started_at") String startedAt) {

    /** {@code error} only when down. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Database(
            String status,
            String product,
            @JsonProperty("response_ms") long responseMillis,
            String error) {
    }
}
