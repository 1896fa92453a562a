package org.confbridge.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API browser as a person uses it: headless Chromium (Debian's, driven by Playwright) opens
 * /api/browser/, authorizes in Swagger UI's dialog with the administrator's client credentials,
 * tries "GET client/@me" and sees 200 with the default client.
 * Needs node + npm and /usr/bin/chromium (or CHROMIUM); playwright-core is installed into target/.
 */
@ExtendWith(SharedServer.class)
class ApiBrowserIT {

    private static final Path SCRIPT_SOURCE = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/browser-test");

    @Test
    void showsAWrongSecretsErrorThenAuthorizesAndCompletesOneCallInHeadlessChromium(RunningServer server) throws Exception {
        prepareNodeProject();

        ProcessBuilder pb = new ProcessBuilder("node", "api-browser.mjs", server.baseUrl(),
                RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET)
                .directory(WORK.toFile()).redirectErrorStream(true);
        String output = run(pb, 120);

        String lastLine = output.lines().reduce((a, b) -> b).orElse("");
        JsonNode result = new ObjectMapper().readTree(lastLine);
        assertThat(result.get("wrongSecretError").asText()).as("what the page shows for a wrong secret")
                .contains("invalid_client").contains("wrong secret");
        assertThat(result.get("status").asText()).as(output).isEqualTo("200");
        JsonNode client = new ObjectMapper().readTree(result.get("body").asText());
        assertThat(client.get("default").asBoolean()).isTrue();
        assertThat(client.get("name").asText()).isEqualTo("default");
    }

    private static void prepareNodeProject() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "api-browser.mjs")) {
            Files.copy(SCRIPT_SOURCE.resolve(file), WORK.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(WORK.toFile()).redirectErrorStream(true), 300);
        }
    }

    private static String run(ProcessBuilder pb, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(pb.command() + " failed with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
