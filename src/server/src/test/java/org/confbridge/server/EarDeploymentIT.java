package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The EAR is what runs: the launcher deploys ear/target/confbridge.ear itself (EJB module into OpenEJB, web
 * module into the SIP container, lib/ on the application class loader) and has no application module on its
 * own class path. Proved by running a changed copy of the EAR: each change is seen by the running server.
 */
class EarDeploymentIT {

    private static final Path BUILT_EAR = Path.of("../../ear/target/confbridge.ear");

    @Test
    void theLauncherShipsTheBuiltEarAndNoApplicationModuleOnItsClassPath() throws Exception {
        Path launcher = RunningServer.serverJar();
        Path shipped = launcher.resolveSibling("confbridge.ear");

        assertThat(sha256(shipped)).as("the EAR beside the launcher is ear/target/confbridge.ear")
                .isEqualTo(sha256(BUILT_EAR));
        try (JarFile jar = new JarFile(launcher.toFile())) {
            String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            assertThat(classPath).contains("openejb-core").contains("tomcat-embed-core")
                    .doesNotContain("confbridge-").doesNotContain("jersey").doesNotContain("flyway")
                    .doesNotContain("swagger");
            assertThat(jar.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("org/confbridge/app/")
                    || n.startsWith("org/confbridge/interfaces/") || n.startsWith("webapp/"));
        }
    }

    @Test
    void aChangeMadeOnlyInTheEarChangesWhatTheServerDoes() throws Exception {
        Path ear = Files.createTempDirectory("confbridge-ear-").resolve("changed.ear");
        rewrite(BUILT_EAR, ear, Map.of(
                // EJB module: one more migration, so the schema version the server reports changes
                "confbridge-app.jar", jar -> rewrite(jar, Map.of(), Map.of("db/migration/V9000__ear_marker.sql",
                        "CREATE TABLE ear_marker (id INT);\n".getBytes(StandardCharsets.UTF_8))),
                // web module: the REST servlet mapped under one more path
                "confbridge-web.war", war -> rewrite(war, Map.of("WEB-INF/web.xml", xml -> new String(xml,
                        StandardCharsets.UTF_8).replace("<url-pattern>/api/*</url-pattern>",
                        "<url-pattern>/api/*</url-pattern><url-pattern>/ear-marker/*</url-pattern>")
                        .getBytes(StandardCharsets.UTF_8)), Map.of()),
                // lib/: without the Swagger UI library, the API browser page cannot be served
                "lib/swagger-ui.jar", lib -> null), Map.of());

        try (RunningServer server = RunningServer.start(RunningServer.env("CONF_EAR_FILE", ear.toString()))) {
            assertThat(server.output()).contains("Deploying " + ear.toAbsolutePath())
                    .contains("Database schema at version 9000");
            assertThat(server.get("/ear-marker/ver1.0/health").statusCode()).as("web.xml from the EAR").isEqualTo(200);
            assertThat(server.get("/api/browser/").statusCode()).as("lib/ from the EAR").isNotEqualTo(200);
        }
    }

    /**
     * Copies a zip, passing the named entries through a change (null: leave the entry out) and adding others.
     */
    private static void rewrite(Path from, Path to, Map<String, UnaryOperator<byte[]>> changes, Map<String, byte[]> added)
            throws IOException {
        Files.write(to, rewrite(Files.readAllBytes(from), changes, added));
    }

    private static byte[] rewrite(byte[] zip, Map<String, UnaryOperator<byte[]>> changes, Map<String, byte[]> added) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    byte[] content = in.readAllBytes();
                    UnaryOperator<byte[]> change = changes.get(entry.getName());
                    if (change != null) {
                        content = change.apply(content);
                        if (content == null) {
                            continue;
                        }
                    }
                    put(out, entry.getName(), content);
                }
                for (Map.Entry<String, byte[]> entry : added.entrySet()) {
                    put(out, entry.getKey(), entry.getValue());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file); OutputStream sink = OutputStream.nullOutputStream()) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
