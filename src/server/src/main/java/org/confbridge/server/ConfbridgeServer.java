package org.confbridge.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import javax.servlet.sip.SipURI;
import org.confbridge.server.logging.LogSetup;
import org.confbridge.server.tls.ServerTls;

/**
 * The embedded confbridge server: {@code java -jar confbridge-server.jar}.
 *
 * <p>Start order: configuration, port check, logging, EJB container (the EJB module with its
 * datasource, migrations run at deployment), then the SIP/HTTP container with the converged module.
 * Exit status: 0 after a clean stop, 2 for a configuration or port problem, 1 for any other start failure.
 */
public final class ConfbridgeServer implements AutoCloseable {

    /** System properties through which the application reads the configuration: confbridge.<key>. */
    public static final String PROPERTY_PREFIX = "confbridge.";

    private final ServerSettings settings;
    private final EarDeployment application;
    private final EjbContainer ejb;
    private final SipContainer sip;

    private ConfbridgeServer(ServerSettings settings, EarDeployment application, EjbContainer ejb, SipContainer sip) {
        this.settings = settings;
        this.application = application;
        this.ejb = ejb;
        this.sip = sip;
    }

    /** How long a stop waits for the live conferences to end after their calls were hung up. */
    private static final java.time.Duration STOP_HANG_UP_WAIT = java.time.Duration.ofSeconds(5);
    /** Longest wait for the answers to the BYEs a stop sends (a phone that vanished never answers). */
    private static final java.time.Duration STOP_BYE_ANSWER_WAIT = java.time.Duration.ofSeconds(2);

    public static void main(String[] args) {
        Optional<String> unsupportedJava = JavaVersionCheck.problem(Runtime.version(), System.getProperty("java.home"));
        if (unsupportedJava.isPresent()) {
            System.err.println(unsupportedJava.get());
            System.exit(1);
            return;
        }
        // Must happen before any logger exists (see DeferredResetLogManager).
        System.setProperty("java.util.logging.manager", DeferredResetLogManager.class.getName());
        Logger log = Logger.getLogger(ConfbridgeServer.class.getName());
        ConfbridgeServer server;
        try {
            server = start(System.getenv());
        } catch (ConfigurationException e) {
            log.severe("Cannot start: " + e.getMessage());
            flushLogs();
            System.exit(2);
            return;
        } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
            log.log(Level.SEVERE, "Cannot start: " + e, e);
            flushLogs();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stop requested");
            try {
                server.close();
                log.info("confbridge stopped");
            } catch (Exception e) {
                log.log(Level.WARNING, "Error while stopping", e);
            } finally {
                stopped.countDown();
                flushLogs();
            }
        }, "confbridge-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything; on failure stops what was started and throws. */
    public static ConfbridgeServer start(Map<String, String> environment) throws Exception {
        ConfigDirectory config = ConfigDirectory.locate(environment);
        String fileName = environment.getOrDefault("CONF_CONFIG_FILE", "");
        ServerSettings settings = ServerSettings.resolve(System.getProperties(), environment, fileName.isBlank()
                ? config.properties("confbridge.properties") : loadFile(Path.of(fileName)));
        Path dataDir = settings.dataDir();
        createDirectory(dataDir);
        LogSetup.configure(config.open("logging.properties"), config.open("log4j.properties"),
                dataDir.resolve("logs").resolve("confbridge.log"), settings.logMaxBytes(), settings.logMaxFiles());
        Logger log = Logger.getLogger(ConfbridgeServer.class.getName());
        log.info(() -> "confbridge starting: config " + config.describe() + ", data " + dataDir);
        PortCheck.requireFree(settings);
        publish(settings);

        ServerTls.publish(settings.sipTlsPort() == 0 ? null : ServerTls.load(settings.file("tls.certificate").orElse(null),
                settings.file("tls.private.key").orElse(null), settings.file("tls.keystore").orElse(null),
                settings.get("tls.keystore.password").orElse(""), settings.file("tls.trusted.certificates").orElse(null),
                dataDir, settings.bindAddress()));
        ServerTls.current().ifPresent(tls -> log.info(() -> "SIP over TLS on " + settings.bindAddress() + ":"
                + settings.sipTlsPort() + " with " + tls.describe()));

        Path catalinaBase = dataDir.resolve("server");
        writeStackProperties(config, settings, catalinaBase.resolve("conf/mss-sip-stack.properties"));
        config.copy("dars/mobicents-dar.properties", catalinaBase.resolve("conf/dars/mobicents-dar.properties"));
        EarDeployment application = EarDeployment.unpack(EarDeployment.locate(settings), catalinaBase.resolve("deploy"),
                ConfbridgeServer.class.getClassLoader());
        log.info(() -> "Deploying " + application.describe());

        EjbContainer ejb;
        try {
            ejb = EjbContainer.start(settings, config, application);
        } catch (RuntimeException | LinkageError e) {
            application.close();
            throw e;
        }
        SipContainer sip;
        try {
            sip = SipContainer.start(settings, catalinaBase, application);
        } catch (Exception | LinkageError e) {
            ejb.close();
            application.close();
            throw e;
        }
        ConfbridgeServer server = new ConfbridgeServer(settings, application, ejb, sip);
        List<String> problems = server.listeningProblems();
        if (!problems.isEmpty()) {
            server.close();
            throw new ConfigurationException(String.join("; ", problems));
        }
        StartupMemory.release();
        log.info(() -> "confbridge ready in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms: SIP "
                + server.listeningPoints() + ", HTTP http://" + settings.bindAddress() + ":" + settings.httpPort()
                + "/api/ver1.0/health, data " + dataDir);
        return server;
    }

    /** Every expected listening point that is not up (the SIP stack only logs a failed bind). */
    List<String> listeningProblems() {
        List<String> problems = new ArrayList<>(sip.listeningProblems(settings));
        List<String> points = listeningPoints();
        List<String> expected = new ArrayList<>();
        for (String transport : SipContainer.SIP_TRANSPORTS) {
            expected.add(transport + " " + settings.bindAddress() + ":" + settings.sipPort());
        }
        if (settings.sipTlsPort() != 0) {
            expected.add(SipContainer.TLS + " " + settings.bindAddress() + ":" + settings.sipTlsPort());
        }
        for (String point : expected) {
            if (!points.contains(point)) {
                problems.add("SIP is not listening on " + point + " (listening: " + points + ")");
            }
        }
        return problems;
    }

    /** The SIP listening points as "transport address:port", from the container's own view. */
    @SuppressWarnings("unchecked")
    List<String> listeningPoints() {
        Object interfaces = sip.servletContext().getAttribute("javax.servlet.sip.outboundInterfaces");
        List<String> points = new ArrayList<>();
        if (interfaces instanceof List<?>) {
            for (SipURI uri : (List<SipURI>) interfaces) {
                String transport = uri.getTransportParam() == null ? "udp" : uri.getTransportParam().toLowerCase();
                points.add(transport + " " + uri.getHost() + ":" + uri.getPort());
            }
        }
        return points;
    }

    private static void publish(ServerSettings settings) {
        settings.asMap().forEach((key, value) -> System.setProperty(PROPERTY_PREFIX + key, value));
        System.setProperty(PROPERTY_PREFIX + "data.dir", settings.dataDir().toString());
    }

    /**
     * The SIP stack's properties as server-config has them, plus the TCP limits from the settings: at most
     * {@code sip.tcp.max.connections} connections (the stack's blocking TCP uses threads per connection, so
     * this also bounds its threads; more callers wait to be accepted) and {@code sip.tcp.read.timeout.ms} for a
     * message to arrive whole once it has begun (a half-sent message does not hold its connection forever).
     */
    private static void writeStackProperties(ConfigDirectory config, ServerSettings settings, Path target)
            throws IOException {
        java.util.Properties stack = config.properties("mss-sip-stack.properties");
        stack.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS",
                String.valueOf(settings.number("sip.tcp.max.connections", 1, 100_000)));
        stack.setProperty("gov.nist.javax.sip.READ_TIMEOUT",
                String.valueOf(settings.number("sip.tcp.read.timeout.ms", 100, 3_600_000)));
        // TLS: 1.2/1.3 only, phones are not asked for certificates, a handshake has as long as a first message.
        stack.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", ServerTls.PROTOCOLS));
        stack.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        // The stack's own default suites date from TLS 1.0 (the JDK refuses them): the JDK's current defaults.
        ServerTls.current().ifPresent(tls ->
                stack.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", tls.defaultCipherSuites()));
        stack.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT",
                String.valueOf(settings.number("sip.tcp.read.timeout.ms", 100, 3_600_000)));
        Files.createDirectories(target.getParent());
        try (java.io.OutputStream out = Files.newOutputStream(target)) {
            stack.store(out, "server-config/mss-sip-stack.properties with the TCP limits of the settings");
        }
    }

    private static java.util.Properties loadFile(Path file) {
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException("CONF_CONFIG_FILE " + file + " cannot be read: " + e.getMessage(), e);
        }
        return properties;
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException("data directory " + dir + " cannot be created: " + e, e);
        }
    }

    private static void flushLogs() {
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof DeferredResetLogManager) {
            ((DeferredResetLogManager) manager).resetAfterStop();
        }
    }

    /**
     * Hangs up every live call while SIP and the database still work: phones get a BYE instead of silence and
     * every conference is ended and recorded. The launcher does not see the application's classes (they are
     * the EAR's), so the bean's method is called by name.
     */
    private void hangUpLiveCalls() {
        try {
            Object live = ejb.lookup("java:global/" + EjbContainer.APP_NAME
                    + "/confbridge-app/LiveConferences!org.confbridge.app.live.LiveConferences");
            live.getClass().getMethod("hangUpAll", java.time.Duration.class).invoke(live, STOP_HANG_UP_WAIT);
        } catch (ReflectiveOperationException | javax.naming.NamingException | RuntimeException e) {
            Logger.getLogger(ConfbridgeServer.class.getName()).log(Level.WARNING,
                    "could not hang up the live calls before stopping", e);
        }
        awaitByeAnswers();
    }

    /**
     * The BYEs just sent are answered within milliseconds by a live phone; an answer that arrived after the SIP
     * application is gone would be reported as an error, so the stop waits for them (a dead phone: at most
     * {@link #STOP_BYE_ANSWER_WAIT}).
     */
    private static void awaitByeAnswers() {
        long deadline = System.nanoTime() + STOP_BYE_ANSWER_WAIT.toNanos();
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName("org.confbridge:type=HangupsInFlight");
            if (!server.isRegistered(name)) {
                return; // no call was ever handled
            }
            while ((Integer) server.getAttribute(name, "Unanswered") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (javax.management.JMException | RuntimeException e) {
            Logger.getLogger(ConfbridgeServer.class.getName()).log(Level.FINE, "BYE answers not awaited", e);
        }
    }

    /** An H2 file database is closed (and flushed) last, by us: it has no shutdown hook of its own. */
    private void closeEmbeddedDatabase() {
        if (!settings.databaseUrl().startsWith("jdbc:h2:")) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(settings.databaseUrl(),
                settings.databaseUser(), settings.databasePassword());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (java.sql.SQLException e) {
            Logger.getLogger(ConfbridgeServer.class.getName()).log(Level.WARNING, "closing the H2 database failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        hangUpLiveCalls();
        try {
            sip.close();
        } finally {
            try {
                ejb.close();
                closeEmbeddedDatabase();
            } finally {
                application.close();
            }
        }
    }
}
