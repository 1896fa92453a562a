package org.confbridge.server;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What end-to-end tests that need more than a plain user can do here, found by trying it: a container without
 * CAP_SYS_ADMIN runs as root yet cannot create a network namespace or mount a tmpfs. Each method answers the
 * reason a test must be skipped, or empty when the right is there.
 */
public final class Privileges {

    private Privileges() {
    }

    /** {@code unshare --net} with loopback up (needs CAP_SYS_ADMIN, e.g. root outside a restricted container). */
    public static Optional<String> missingForNetworkNamespace() {
        return tryCommand("a network namespace (unshare --net; needs root with CAP_SYS_ADMIN and iproute2)",
                List.of("unshare", "--net", "--", "ip", "link", "set", "lo", "up"));
    }

    /** {@code strace -f} of a child (needs ptrace rights: CAP_SYS_PTRACE in containers). */
    public static Optional<String> missingForStrace() {
        return tryCommand("strace (needs the strace package and ptrace rights, CAP_SYS_PTRACE in a container)",
                List.of("strace", "-f", "-qq", "-e", "trace=none", "true"));
    }

    private static Optional<String> tryCommand(String what, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("skipped: " + what + " timed out");
            }
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of("skipped: this test needs " + what + "; here: " + output);
        } catch (IOException e) {
            return Optional.of("skipped: this test needs " + what + "; here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("skipped: interrupted");
        }
    }
}
