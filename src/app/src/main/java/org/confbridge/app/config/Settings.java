package org.confbridge.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The operator's settings as the application sees them, read once: one naming scheme everywhere,
 * property key {@code x.y} = system property {@code -Dconfbridge.x.y} = environment variable
 * {@code CONF_X_Y}. A system property wins over the environment; a blank value counts as unset.
 *
 * <p>The embedded launcher resolves the environment and {@code confbridge.properties} and publishes the
 * result as {@code confbridge.*} system properties before the application starts, so the properties file
 * reaches the application through the first source. On an installed application server the operator
 * passes {@code -Dconfbridge.*} options or {@code CONF_*} variables.
 */
public final class Settings {

    /** System property prefix: {@code confbridge.<key>}. */
    public static final String PROPERTY_PREFIX = "confbridge.";
    /** Environment variable prefix: {@code CONF_<KEY>}. */
    public static final String ENVIRONMENT_PREFIX = "CONF_";

    private static volatile Settings current;

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The settings of this process, read on first use and kept. */
    public static Settings current() {
        Settings settings = current;
        if (settings == null) {
            synchronized (Settings.class) {
                settings = current;
                if (settings == null) {
                    settings = from(System.getProperties(), System.getenv());
                    current = settings;
                }
            }
        }
        return settings;
    }

    /** Reads the settings from these sources (system properties win over the environment). */
    public static Settings from(Properties systemProperties, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith(ENVIRONMENT_PREFIX) && !isBlank(e.getValue())) {
                values.put(keyOf(e.getKey()), e.getValue().trim());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            String value = systemProperties.getProperty(name);
            if (name.startsWith(PROPERTY_PREFIX) && !isBlank(value)) {
                values.put(name.substring(PROPERTY_PREFIX.length()), value.trim());
            }
        }
        return new Settings(values);
    }

    /** {@code CONF_DB_URL} to {@code db.url}. */
    public static String keyOf(String environmentName) {
        return environmentName.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code db.url} to {@code CONF_DB_URL}. */
    public static String environmentNameOf(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String string(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** A whole number; a value that is not one is refused naming the variable. */
    public long number(String key, long fallback, long min, long max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(environmentNameOf(key) + " (" + key + ") must be a whole number from "
                    + min + " to " + max + ", got '" + raw.get() + "'");
        }
    }

    /** {@code data.dir}, absolute (default {@code ./data} of the working directory). */
    public Path dataDir() {
        return Path.of(string("data.dir", "./data")).toAbsolutePath().normalize();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
