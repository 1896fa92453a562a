package org.confbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path dir;

    @Test
    void theFilesStayWithinTheirLimitsAndTheNewestRecordIsInTheCurrentFile() throws IOException {
        Path log = dir.resolve("confbridge.log");
        RotatingLogFile file = new RotatingLogFile(log, 65536, 3);
        file.setFormatter(new SafeFormatter());
        for (int i = 0; i < 5000; i++) {
            file.publish(new LogRecord(Level.INFO, "record " + i + " " + "x".repeat(100)));
        }
        file.close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("confbridge.log", "confbridge.log.1", "confbridge.log.2");
        }
        for (String name : new String[] {"confbridge.log", "confbridge.log.1", "confbridge.log.2"}) {
            assertThat(Files.size(dir.resolve(name))).as(name).isLessThanOrEqualTo(65536);
        }
        assertThat(Files.readString(log)).contains("record 4999 ");
        assertThat(Files.readString(dir.resolve("confbridge.log.1"))).doesNotContain("record 4999 ");
    }

    @Test
    void oneHugeRecordDoesNotFillTheFile() throws IOException {
        Path log = dir.resolve("confbridge.log");
        RotatingLogFile file = new RotatingLogFile(log, 4096, 1);
        file.setFormatter(new java.util.logging.SimpleFormatter());
        file.publish(new LogRecord(Level.INFO, "y".repeat(100_000)));
        file.close();

        assertThat(Files.size(log)).isLessThanOrEqualTo(4096);
    }
}
