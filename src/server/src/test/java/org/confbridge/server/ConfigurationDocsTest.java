package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting is documented once, under one name: each key the code reads is in the README's configuration
 * table with its CONF_ variable, and server-config/confbridge.properties carries exactly the table's keys.
 */
class ConfigurationDocsTest {

    private static final Path ROOT = Path.of("../..");
    /** | `CONF_X_Y` | `x.y` | ... */
    private static final Pattern ROW = Pattern.compile("^\\| `(CONF_[A-Z_]+)` \\| `([a-z.]+)` \\|", Pattern.MULTILINE);
    /** "confbridge.x.y" anywhere, or property("x.y") style reads in settings classes. */
    private static final Pattern LITERAL = Pattern.compile("\"confbridge\\.([a-z]+(?:\\.[a-z]+)+)\"");
    private static final Pattern READ = Pattern.compile(
            "\\b(?:property|intProperty|longProperty|value|longValue|number|string|get|file)\\(\"([a-z]+(?:\\.[a-z]+)+)\"");

    @Test
    void theTableNamesEachVariableAfterItsKeyAndThePropertiesFileCarriesExactlyTheTablesKeys() throws IOException {
        Set<String> table = tableKeys();
        Properties file = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("server-config/confbridge.properties"))) {
            file.load(in);
        }
        assertThat(new TreeSet<>(file.stringPropertyNames())).isEqualTo(table);
        assertThat(table).containsAll(ServerSettings.DEFAULTS.keySet())
                .contains("media.timeout.seconds", "max.members.ceiling", "token.ttl.seconds", "log.max.bytes",
                        "log.max.files");
    }

    @Test
    void everyKeyTheCodeReadsIsInTheTable() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")
                    && f.toString().contains("/src/main/java/"))::iterator) {
                String code = Files.readString(file);
                collect(LITERAL, code, read);
                String name = file.getFileName().toString();
                if (name.endsWith("Settings.java") || name.endsWith("Config.java")
                        || code.contains("import org.confbridge.app.config.Settings;")) {
                    collect(READ, code, read);
                }
            }
        }
        read.removeIf(key -> key.endsWith(".ear") || key.endsWith(".log") || key.endsWith(".properties"));
        assertThat(read).isNotEmpty();
        assertThat(tableKeys()).containsAll(read);
    }

    private static Set<String> tableKeys() throws IOException {
        Matcher row = ROW.matcher(Files.readString(ROOT.resolve("README.md")));
        Set<String> keys = new TreeSet<>();
        while (row.find()) {
            assertThat(row.group(1)).as("variable of " + row.group(2))
                    .isEqualTo(ServerSettings.environmentNameOf(row.group(2)));
            keys.add(row.group(2));
        }
        return keys;
    }

    private static void collect(Pattern pattern, String code, Set<String> into) {
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
