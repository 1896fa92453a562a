package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health check over real HTTP, without credentials. */
@ExtendWith(SharedServer.class)
class HealthIT {

    private final RunningServer server;

    HealthIT(RunningServer server) {
        this.server = server;
    }

    @Test
    void reportsListeningPointsDatabaseAndUptimeWithoutAToken() {
        HttpResponse<String> response = server.get("/api/ver1.0/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode health = Provisioning.parse(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("sip_listening_points")).extracting(JsonNode::toString).asString()
                .contains("{\"transport\":\"udp\",\"address\":\"127.0.0.1\",\"port\":" + server.sipPort() + "}")
                .contains("{\"transport\":\"tcp\",\"address\":\"127.0.0.1\",\"port\":" + server.sipPort() + "}");
        assertThat(health.at("/database/status").asText()).isEqualTo("UP");
        assertThat(health.at("/database/product").asText()).startsWith("H2");
        assertThat(health.get("uptime_seconds").asLong()).isPositive();
        assertThat(health.get("live_calls").isInt()).isTrue();
    }

    @Test
    void otherApiPathsStillNeedAToken() {
        assertThat(server.get("/api/ver1.0/client/@me/extension").statusCode()).isEqualTo(401);
    }
}
