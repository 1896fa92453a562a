package org.confbridge.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures of a process read from Linux {@code /proc}: CPU time of all its threads
 * ({@code utime + stime} of {@code /proc/<pid>/stat}), resident memory and thread count.
 */
final class ServerProcess {
    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private final Path dir;

    ServerProcess(long pid) {
        this.dir = Path.of("/proc", Long.toString(pid));
    }

    static ServerProcess self() {
        return new ServerProcess(ProcessHandle.current().pid());
    }

    /** CPU time of every thread of the process so far (user + system), in nanoseconds. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time of every thread so far spent in the kernel ({@code stime}), in nanoseconds: for a media server on
     * loopback that is mostly the UDP path (a send carries the packet through the receiver's stack too).
     */
    long kernelCpuNanos() throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[12]) * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time (ns) by thread name (the kernel's 15-character {@code comm}; threads of the same
     * name, e.g. pool threads, are summed), from {@code /proc/<pid>/task}.
     */
    java.util.Map<String, Long> cpuNanosByThread() throws IOException {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(dir.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+$", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byName.merge(name, ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    /** Resident set size in MiB. */
    long rssMb() throws IOException {
        return statusValue("VmRSS:") >> 10;
    }

    /** Threads of the process. */
    long threads() throws IOException {
        return statusValue("Threads:");
    }

    boolean alive() {
        return Files.exists(dir);
    }

    private long statusValue(String key) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The system load average over the last minute. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
