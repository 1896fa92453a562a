package org.confbridge.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/confbridge-server.jar}, what operators run) started as a child
 * process on free ports with its own data directory. {@link #close()} stops it with SIGTERM.
 */
public final class RunningServer implements AutoCloseable {

    public static final String ADMIN_CLIENT_ID = "test-admin";
    public static final String ADMIN_CLIENT_SECRET = "test-admin-secret-0123456789";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int sipPort;
    private final int httpPort;
    private final int sipTlsPort;

    private RunningServer(Process process, Path dataDir, Path log, int sipPort, int httpPort, int sipTlsPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.sipPort = sipPort;
        this.sipTlsPort = sipTlsPort;
        this.httpPort = httpPort;
    }

    /** Starts a server with default test settings plus {@code extraEnvironment}; waits until it is ready. */
    public static RunningServer start(Map<String, String> extraEnvironment) {
        boolean portsChosenHere = !extraEnvironment.containsKey("CONF_SIP_PORT")
                && !extraEnvironment.containsKey("CONF_HTTP_PORT") && !extraEnvironment.containsKey("CONF_SIP_TLS_PORT");
        for (int attempt = 1; ; attempt++) {
            RunningServer server = launch(extraEnvironment, List.of());
            try {
                return server.awaitReady();
            } catch (IllegalStateException e) {
                // Another process on this busy machine may take a free port before the server binds it
                // (the server then says so and exits 2): choose new ports and try again.
                boolean portTaken = server.output().contains("cannot listen for")
                        || server.output().contains("is not listening");
                if (!portsChosenHere || !portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Starts the process without waiting (for start-up failure tests). */
    static RunningServer launch(Map<String, String> extraEnvironment, List<String> wrapper) {
        return launch(javaBinary(), extraEnvironment, wrapper);
    }

    /** Starts the process with this {@code java} binary, without waiting. */
    static RunningServer launch(String java, Map<String, String> extraEnvironment, List<String> wrapper) {
        try {
            Path dataDir = Files.createTempDirectory("confbridge-it-");
            Path log = dataDir.resolve("server-console.log");
            int sipPort = Integer.parseInt(extraEnvironment.getOrDefault("CONF_SIP_PORT",
                    String.valueOf(FreePorts.tcpAndUdp())));
            int httpPort = Integer.parseInt(extraEnvironment.getOrDefault("CONF_HTTP_PORT",
                    String.valueOf(FreePorts.tcp())));
            int sipTlsPort = Integer.parseInt(extraEnvironment.getOrDefault("CONF_SIP_TLS_PORT",
                    String.valueOf(FreePorts.tcp())));
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(java, "-Xmx384m", "-jar", serverJar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("CONF_"));
            env.put("CONF_SIP_PORT", String.valueOf(sipPort));
            env.put("CONF_HTTP_PORT", String.valueOf(httpPort));
            env.put("CONF_SIP_TLS_PORT", String.valueOf(sipTlsPort)); // never the default 5081: servers run side by side
            env.put("CONF_BIND_ADDRESS", "127.0.0.1");
            env.put("CONF_DATA_DIR", dataDir.resolve("data").toString());
            env.put("CONF_RTP_PORT_MIN", "42000");
            env.put("CONF_RTP_PORT_MAX", "43998");
            env.put("CONF_DISK_RESERVE_MB", "1"); // test servers: no 16 MB reserve file in every temp directory
            env.put("CONF_SIP_ANSWER_DELAY_MS", "300");
            env.put("CONF_ADMIN_CLIENT_ID", ADMIN_CLIENT_ID);
            env.put("CONF_ADMIN_CLIENT_SECRET", ADMIN_CLIENT_SECRET);
            env.put("CONF_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"); // the tests' webhook receivers listen on loopback
            env.putAll(extraEnvironment);
            return new RunningServer(builder.start(), dataDir, log, sipPort, httpPort, sipTlsPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path serverJar() {
        Path jar = Path.of(System.getProperty("confbridge.server.jar", "target/confbridge-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' (after package)");
        }
        return jar;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    RunningServer awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains("confbridge ready in")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " during start:\n" + output);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("server not ready after " + START_TIMEOUT + ":\n" + output());
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server did not exit within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM and waits; returns the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    public int sipPort() {
        return sipPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIP over TLS (0 when the test turned it off). */
    public int sipTlsPort() {
        return sipTlsPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path dataDir() {
        return dataDir.resolve("data");
    }

    /** The process's working directory (a fresh temporary directory; {@link #dataDir()} is inside it). */
    public Path workingDirectory() {
        return dataDir;
    }

    /** The server's log file and its rotated predecessors, newest first, concatenated. */
    public String fileLog() {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.list(dataDir().resolve("logs"))) {
            files.filter(f -> f.getFileName().toString().startsWith("confbridge.log"))
                    .sorted().forEach(f -> {
                        try {
                            all.append(Files.readString(f, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the server printed so far (console log). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** GET a path of the server's HTTP interface. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
