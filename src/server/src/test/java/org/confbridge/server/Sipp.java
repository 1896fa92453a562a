package org.confbridge.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs sipp (Debian package sip-tester) with a scenario from src/test/resources/sipp against a server.
 * sipp exits 0 only when every call of the run succeeded.
 */
final class Sipp {

    /** SIP transport: sipp's -t option. */
    enum Transport {
        UDP("u1"), TCP("t1");

        final String option;

        Transport(String option) {
            this.option = option;
        }
    }

    /** Outcome of one sipp run. */
    record Result(int exitCode, int successful, int failed, String screen, String errors) {
        boolean allSucceeded(int calls) {
            return exitCode == 0 && successful == calls && failed == 0;
        }

        String describe() {
            return "sipp exit " + exitCode + ", " + successful + " successful, " + failed + " failed\n" + screen
                    + "\nerrors:\n" + errors;
        }
    }

    private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    private final String scenario;
    private final List<String> extra = new ArrayList<>();
    private Transport transport = Transport.UDP;
    private String service = "1000";
    private int calls = 1;
    private double rate = 10;
    private int limit = 0;
    private int timeoutSeconds = 60;

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    static Sipp scenario(String name) {
        return new Sipp(name);
    }

    Sipp transport(Transport value) {
        transport = value;
        return this;
    }

    /** The Request-URI user part: the dialed extension. */
    Sipp dial(String number) {
        service = number;
        return this;
    }

    Sipp calls(int count, double perSecond) {
        calls = count;
        rate = perSecond;
        return this;
    }

    /** Maximum simultaneous calls (sipp -l). */
    Sipp limit(int simultaneous) {
        limit = simultaneous;
        return this;
    }

    Sipp timeout(int seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    /** A scenario variable: -key name value. */
    Sipp key(String name, String value) {
        extra.addAll(List.of("-key", name, value));
        return this;
    }

    Result run(RunningServer server) {
        return run("127.0.0.1", server.sipPort(), List.of());
    }

    /** Runs sipp, optionally inside a wrapper command (e.g. a network namespace). */
    Result run(String host, int port, List<String> wrapper) {
        try {
            Path work = Files.createTempDirectory("sipp-");
            Path scenarioFile = work.resolve(scenario);
            Files.copy(resource(scenario), scenarioFile);
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of("sipp", host + ":" + port,
                    "-sf", scenarioFile.toString(),
                    "-s", service,
                    "-i", "127.0.0.1",
                    "-p", String.valueOf(FreePorts.tcpAndUdp()),
                    "-t", transport.option,
                    "-m", String.valueOf(calls),
                    "-r", String.valueOf(rate),
                    "-timeout", timeoutSeconds + "s",
                    "-timeout_error",
                    "-recv_timeout", "10000",
                    "-nostdin",
                    "-trace_err", "-error_file", work.resolve("errors.log").toString(),
                    "-trace_screen", "-screen_file", work.resolve("screen.log").toString()));
            if (limit > 0) {
                command.addAll(List.of("-l", String.valueOf(limit)));
            }
            command.addAll(extra);
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("stdout.log").toFile()).start();
            if (!process.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("sipp did not finish: " + read(work.resolve("stdout.log")));
            }
            String screen = read(work.resolve("screen.log"));
            if (screen.isEmpty()) {
                screen = read(work.resolve("stdout.log"));
            }
            return new Result(process.exitValue(), count(SUCCESSFUL, screen), count(FAILED, screen), screen,
                    read(work.resolve("errors.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        URL url = Sipp.class.getResource("/sipp/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no scenario " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Pattern pattern, String screen) {
        Matcher matcher = pattern.matcher(screen);
        int last = -1;
        while (matcher.find()) {
            last = Integer.parseInt(matcher.group(1));
        }
        return last;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
