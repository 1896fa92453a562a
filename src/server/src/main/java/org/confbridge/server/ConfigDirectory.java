package org.confbridge.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The application server configuration (the repository's {@code server-config/}): read from a
 * directory when one is given (CONF_CONFIG_DIR, or ./server-config when it exists), otherwise
 * from the copy packaged inside the launcher, so the shipped files are the tested files.
 */
public final class ConfigDirectory {

    /** Files the server reads; all are in server-config/. */
    static final List<String> FILES = List.of(
            "confbridge.properties",
            "openejb.properties",
            "mss-sip-stack.properties",
            "dars/mobicents-dar.properties",
            "logging.properties",
            "log4j.properties");

    private static final String PACKAGED = "server-config/";

    private final Optional<Path> directory;

    private ConfigDirectory(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The directory named by CONF_CONFIG_DIR, else ./server-config when present, else the packaged copy. */
    public static ConfigDirectory locate(java.util.Map<String, String> environment) {
        String named = environment.get("CONF_CONFIG_DIR");
        if (named != null && !named.isBlank()) {
            Path dir = Path.of(named).toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException("CONF_CONFIG_DIR " + dir + " is not a directory");
            }
            return new ConfigDirectory(Optional.of(dir));
        }
        Path local = Path.of("server-config").toAbsolutePath();
        return new ConfigDirectory(Files.isRegularFile(local.resolve("confbridge.properties"))
                ? Optional.of(local) : Optional.empty());
    }

    public String describe() {
        return directory.map(Path::toString).orElse("(packaged defaults)");
    }

    /** Opens one configuration file; empty when neither the directory nor the package has it. */
    public Optional<InputStream> open(String name) {
        try {
            if (directory.isPresent()) {
                Path file = directory.get().resolve(name);
                return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
            }
            return Optional.ofNullable(ConfigDirectory.class.getClassLoader().getResourceAsStream(PACKAGED + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a properties file, empty when absent. */
    public Properties properties(String name) {
        Properties properties = new Properties();
        open(name).ifPresent(in -> {
            try (in) {
                properties.load(in);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read " + name + " from " + describe(), e);
            }
        });
        return properties;
    }

    /** Copies a file to {@code target} (the SIP container reads some files relative to catalina.base). */
    public void copy(String name, Path target) {
        try (InputStream in = open(name).orElseThrow(
                () -> new ConfigurationException(name + " is missing from " + describe()))) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigurationException("cannot copy " + name + " to " + target, e);
        }
    }
}
