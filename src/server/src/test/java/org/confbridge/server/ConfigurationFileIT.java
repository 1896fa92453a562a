package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Settings given only in the properties file reach the whole application (not only the launcher): the data
 * directory (where first-start credentials are written) and the token lifetime.
 */
class ConfigurationFileIT {

    @Test
    void theDataDirectoryAndTokenLifetimeFromTheFileAreWhatTheApplicationUses() throws Exception {
        Path dir = Files.createTempDirectory("confbridge-config-file-");
        Path dataDir = dir.resolve("elsewhere/data");
        Path file = dir.resolve("confbridge.properties");
        Files.writeString(file, "data.dir=" + dataDir + "\ntoken.ttl.seconds=77\n");

        // Blank environment values count as unset: the file decides.
        try (RunningServer server = RunningServer.start(RunningServer.env("CONF_CONFIG_FILE", file.toString(),
                "CONF_DATA_DIR", "", "CONF_ADMIN_CLIENT_ID", "", "CONF_ADMIN_CLIENT_SECRET", ""))) {
            Path credentials = dataDir.resolve("admin-credentials.txt");
            assertThat(credentials).as("generated credentials in the data directory the file names").isRegularFile();
            assertThat(server.workingDirectory().resolve("data/admin-credentials.txt")).doesNotExist();
            assertThat(server.output()).contains(", data " + dataDir);

            Properties written = new Properties();
            try (var in = Files.newInputStream(credentials)) {
                written.load(in);
            }
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + written.getProperty("CONF_ADMIN_CLIENT_ID") + "&client_secret="
                            + written.getProperty("CONF_ADMIN_CLIENT_SECRET"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(token.body());
            assertThat(body.get("expires_in").asLong()).isEqualTo(77);
        }
    }
}
