package org.confbridge.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.junit.jupiter.api.Test;

/**
 * First start without CONF_ADMIN_CLIENT_ID / CONF_ADMIN_CLIENT_SECRET: the administrator's
 * generated credentials are shown once, in {@code <data dir>/admin-credentials.txt} readable by the
 * owner only, never in the log; they work for the API.
 */
class FirstStartCredentialsIT {

    @Test
    void generatedAdministratorCredentialsGoToAnOwnerOnlyFileAndWork() throws Exception {
        try (RunningServer server = RunningServer.start(Map.of(
                "CONF_ADMIN_CLIENT_ID", "", "CONF_ADMIN_CLIENT_SECRET", ""))) {
            Path file = server.dataDir().resolve("admin-credentials.txt");
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            List<String> lines = Files.readAllLines(file);
            String id = value(lines, "CONF_ADMIN_CLIENT_ID=");
            String secret = value(lines, "CONF_ADMIN_CLIENT_SECRET=");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(24);
            assertThat(server.output()).contains(file.toString()).doesNotContain(secret);

            ApiClient api = new ApiClient(server.baseUrl());
            String token = api.token(id, secret);
            ApiClient.Answer me = api.get("/api/ver1.0/client/@me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("default").asBoolean()).isTrue();
            assertThat(api.get("/api/ver1.0/client/", token).status()).isEqualTo(200);
        }
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
    }
}
