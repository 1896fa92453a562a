package org.confbridge.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The effective configuration: every key can come from a system property ({@code -Dconfbridge.sip.port}),
 * the environment ({@code CONF_SIP_PORT}), the properties file ({@code sip.port}) or the built-in default,
 * in that order of precedence. The environment name is the property key upper-cased, dots as underscores,
 * prefixed with {@code CONF_}. Read once at start; the launcher publishes the result as {@code confbridge.*}
 * system properties, which is where the application reads it.
 */
public final class ServerSettings {

    /** Keys the server itself understands, with their defaults (null: no default). */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private ServerSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new TreeMap<>();
        d.put("sip.port", "5080");
        d.put("sip.tls.port", "5081");
        d.put("http.port", "8080");
        d.put("bind.address", "127.0.0.1");
        d.put("data.dir", "./data");
        d.put("rtp.port.min", "40000");
        d.put("rtp.port.max", "40999");
        d.put("log.max.bytes", String.valueOf(10L * 1024 * 1024));
        d.put("log.max.files", "5");
        d.put("http.max.connections", "1000");
        d.put("http.max.threads", "40");
        d.put("http.timeout.ms", "10000");
        d.put("sip.tcp.max.connections", "500");
        d.put("sip.tcp.read.timeout.ms", "10000");
        d.put("sip.tcp.max.connections.per.source", "20");
        d.put("sip.tcp.idle.timeout.seconds", "1800");
        return d;
    }

    /**
     * Resolves the settings.
     *
     * @param environment the process environment (CONF_* variables are read)
     * @param file        the properties file's content (may be empty)
     */
    public static ServerSettings resolve(Map<String, String> environment, Properties file) {
        return resolve(new Properties(), environment, file);
    }

    /**
     * Resolves the settings.
     *
     * @param system      system properties ({@code confbridge.*} are read; they win)
     * @param environment the process environment (CONF_* variables are read)
     * @param file        the properties file's content (may be empty)
     */
    public static ServerSettings resolve(Properties system, Map<String, String> environment, Properties file) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        // An empty value means "not set here": the default (or the file's value) stays.
        for (String key : file.stringPropertyNames()) {
            putIfNotBlank(values, key, file.getProperty(key));
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith("CONF_") && !e.getKey().equals("CONF_CONFIG_FILE")
                    && !e.getKey().equals("CONF_CONFIG_DIR")) {
                putIfNotBlank(values, keyOf(e.getKey()), e.getValue());
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(ConfbridgeServer.PROPERTY_PREFIX)) {
                putIfNotBlank(values, name.substring(ConfbridgeServer.PROPERTY_PREFIX.length()), system.getProperty(name));
            }
        }
        return new ServerSettings(values);
    }

    private static void putIfNotBlank(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.trim());
        }
    }

    /** {@code CONF_DB_URL} to {@code db.url}. */
    static String keyOf(String environmentName) {
        return environmentName.substring("CONF_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    /** {@code db.url} to {@code CONF_DB_URL}. */
    static String environmentNameOf(String key) {
        return "CONF_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int port(String key) {
        String raw = get(key).orElseThrow(() -> new ConfigurationException(environmentNameOf(key) + " is required"));
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(environmentNameOf(key) + " (" + key + ") must be a port number 0-65535, got '"
                    + raw + "'");
        }
    }

    public int sipPort() {
        return port("sip.port");
    }

    public int httpPort() {
        return port("http.port");
    }

    /** SIP over TLS (CONF_SIP_TLS_PORT); 0 turns it off. */
    public int sipTlsPort() {
        return port("sip.tls.port");
    }

    /** A file named by a setting, if the setting is given. */
    public Optional<Path> file(String key) {
        return get(key).map(Path::of).map(Path::toAbsolutePath);
    }

    /** A whole number within bounds; anything else is refused naming the variable. */
    public long number(String key, long min, long max) {
        String raw = get(key).orElseThrow(() -> new ConfigurationException(environmentNameOf(key) + " is required"));
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(environmentNameOf(key) + " (" + key + ") must be a whole number from " + min
                    + " to " + max + ", got '" + raw + "'");
        }
    }

    /** Size at which the log file is rotated (CONF_LOG_MAX_BYTES). */
    public long logMaxBytes() {
        return number("log.max.bytes", 4096, Long.MAX_VALUE / 16);
    }

    /** Log files kept, the current one included (CONF_LOG_MAX_FILES). */
    public int logMaxFiles() {
        return (int) number("log.max.files", 1, 1000);
    }

    public String bindAddress() {
        return get("bind.address").orElseThrow();
    }

    public Path dataDir() {
        return Path.of(get("data.dir").orElseThrow()).toAbsolutePath().normalize();
    }

    /** The JDBC URL: the configured one, or an H2 file database under the data directory. */
    public String databaseUrl() {
        return get("db.url").orElseGet(() -> "jdbc:h2:file:" + dataDir().resolve("db").resolve("confbridge")
                // H2 closes when the server closes its connections, not in a JVM shutdown hook of its own that
                // would race the stop's last writes (the records of conferences ended by the stop).
                + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
    }

    public String databaseUser() {
        return get("db.user").orElse(databaseUrl().startsWith("jdbc:h2:") ? "sa" : "");
    }

    public String databasePassword() {
        return get("db.password").orElse("");
    }

    /** All values, for publishing to the application (passwords included: the map stays in-process). */
    public Map<String, String> asMap() {
        return values;
    }
}
