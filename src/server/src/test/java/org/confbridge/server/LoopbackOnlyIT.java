package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The server never reaches beyond the machine (Restcomm's statistics library, excluded, would phone
 * home on every stop): started in a network namespace with only loopback, under strace, it takes
 * calls and stops; every address it sent to or connected to must be loopback, and it must not even
 * try DNS. Needs root with CAP_SYS_ADMIN (unshare -n), iproute2 and strace with ptrace rights, as in CI;
 * skipped, saying which is missing, elsewhere.
 */
class LoopbackOnlyIT {

    /** Addresses in strace's rendering of sockaddr structures. */
    private static final Pattern IPV4 = Pattern.compile("inet_addr\\(\"([^\"]+)\"\\)");
    private static final Pattern IPV6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final Pattern PORT = Pattern.compile("htons\\((\\d+)\\)");

    @Test
    void callsAndStopReachOnlyLoopback() throws Exception {
        Privileges.missingForNetworkNamespace().ifPresent(Assumptions::abort);
        Privileges.missingForStrace().ifPresent(Assumptions::abort);
        Path trace = Files.createTempFile("confbridge-strace-", ".log");
        // $0 = trace file, "$@" = the java command RunningServer appends.
        List<String> namespace = List.of("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && exec strace -f -qq -e trace=connect,sendto,sendmsg -o \"$0\" \"$@\"",
                trace.toString());
        RunningServer server = RunningServer.launch(RunningServer.env(), namespace).awaitReady();
        try {
            List<String> inNamespace = List.of("nsenter", "--target", String.valueOf(server.pid()), "--net");
            String conference = provisionInside(inNamespace, server.baseUrl());
            for (Sipp.Transport transport : Sipp.Transport.values()) {
                Sipp.Result call = Sipp.scenario("call.xml").dial(conference).transport(transport)
                        .run("127.0.0.1", server.sipPort(), inNamespace);
                assertThat(call.exitCode()).as(call.describe()).isZero();
            }
            Sipp.Result unknown = Sipp.scenario("unknown.xml").dial("424242").run("127.0.0.1", server.sipPort(),
                    inNamespace);
            assertThat(unknown.exitCode()).as(unknown.describe()).isZero();
        } finally {
            stopJava(server);
        }

        List<String> lines = Files.readAllLines(trace, StandardCharsets.ISO_8859_1);
        Set<String> destinations = new TreeSet<>();
        List<String> dns = new ArrayList<>();
        for (String line : lines) {
            if (!line.contains("AF_INET")) {
                continue; // AF_UNIX, AF_NETLINK: local by nature
            }
            addAll(destinations, IPV4, line);
            addAll(destinations, IPV6, line);
            Matcher port = PORT.matcher(line);
            while (port.find()) {
                if (port.group(1).equals("53")) {
                    dns.add(line);
                }
            }
        }
        assertThat(lines).as("strace saw the server's sockets").anyMatch(l -> l.contains("127.0.0.1"));
        assertThat(destinations).as("every address the server sent to or connected to")
                .allMatch(LoopbackOnlyIT::isLoopback);
        assertThat(dns).as("DNS lookups (a phone-home needs one first)").isEmpty();
    }

    /** Creates a conference through REST from inside the namespace (the test JVM is outside it). */
    private static String provisionInside(List<String> inNamespace, String baseUrl) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(inNamespace);
        command.addAll(List.of(RunningServer.javaBinary(), "-cp", System.getProperty("java.class.path"),
                Provisioning.class.getName(), baseUrl));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("provisioning inside the namespace hung");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(output).isZero();
        String[] lines = output.split("\n");
        return lines[lines.length - 1].trim();
    }

    /** SIGTERM to the JVM itself (strace is its parent), then wait for the whole tree. */
    private static void stopJava(RunningServer server) {
        ProcessHandle.of(server.pid()).ifPresent(strace -> strace.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(ProcessHandle::destroy));
        assertThat(server.awaitExit(Duration.ofSeconds(30))).as("strace exits with the server's status")
                .isIn(0, 143);
        assertThat(server.output()).contains("confbridge stopped");
    }

    private static void addAll(Set<String> into, Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.")
                || address.equals("0.0.0.0") || address.equals("::");
    }
}
