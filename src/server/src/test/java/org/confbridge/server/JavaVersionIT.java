package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher on other Java versions: the JDKs installed under /usr/lib/jvm (skipped where absent). */
class JavaVersionIT {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void anUnsupportedJavaGetsOneLineNamingTheSupportedVersionsAndExitStatus1() {
        Optional<Path> java = installedJava(24, 99);
        assumeThat(java).as("a JDK 24 or newer under /usr/lib/jvm").isPresent();

        RunningServer server = RunningServer.launch(java.get().toString(), RunningServer.env(), List.of());

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(server.output().strip()).doesNotContain("\n")
                .startsWith("confbridge needs Java 17 to 23").contains("but this is Java 2");
    }

    @Test
    void java21RunsTheServer() {
        Optional<Path> java = installedJava(21, 21);
        assumeThat(java).as("a JDK 21 under /usr/lib/jvm").isPresent();

        try (RunningServer server = RunningServer.launch(java.get().toString(), RunningServer.env(), List.of())
                .awaitReady()) {
            assertThat(server.get("/api/ver1.0/health").statusCode()).isEqualTo(200);
        }
    }

    /** bin/java of a JDK under /usr/lib/jvm whose directory names a feature version in [min, max]. */
    static Optional<Path> installedJava(int min, int max) {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(dir -> {
                // the first number from 8 up in the name: java-17-openjdk-amd64, java-1.17.0-..., temurin-25-jdk-amd64
                Matcher m = NUMBER.matcher(dir.getFileName().toString());
                while (m.find()) {
                    int feature = Integer.parseInt(m.group());
                    if (feature >= 8 && feature < 1000) {
                        return feature >= min && feature <= max;
                    }
                }
                return false;
            }).map(dir -> dir.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
