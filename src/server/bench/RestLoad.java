import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * REST load (benchmark, run by rest-load.sh): GET and PUT of one conference's properties at a fixed rate
 * (open loop: each request's latency counts from when it was due, so a stalled server is not hidden), then
 * p50/p99/max per method, failures, and the server's CPU time per request from /proc/<pid>/stat.
 * Usage: java RestLoad.java <baseUrl> <token> <extensionId> <serverPid> [rate] [seconds] [get|put|both|mix]
 * [warm-up seconds]
 */
public final class RestLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String path = "/api/ver1.0/client/@me/extension/" + args[2] + "/conference";
        long pid = Long.parseLong(args[3]);
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        String mode = args.length > 6 ? args[6] : "both";
        int warmUp = args.length > 7 ? Integer.parseInt(args[7]) : 10; // lets the JIT compile the request path
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        run(http, base, token, path, rate, warmUp, null, mode); // not measured
        long cpuBefore = cpuTicks(pid);
        long[][] latencies = new long[2][];
        AtomicInteger failures = new AtomicInteger();
        int total = run(http, base, token, path, rate, seconds, new Result(latencies, failures), mode);
        long cpuAfter = cpuTicks(pid);

        String[] names = {"GET", "PUT"};
        for (int m = 0; m < 2; m++) {
            long[] l = latencies[m];
            if (l.length == 0) {
                continue;
            }
            Arrays.sort(l);
            System.out.printf("%s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", names[m], l.length,
                    l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6, l[l.length - 1] / 1e6);
        }
        double cpuMs = (cpuAfter - cpuBefore) * 1000.0 / 100; // USER_HZ = 100
        System.out.printf("mode %s, rate %d req/s for %d s: %d requests, %d failed; server CPU %.0f ms = %.2f ms per"
                + " request; load average %s%n", mode, rate, seconds, total, failures.get(), cpuMs, cpuMs / total,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private record Result(long[][] latencies, AtomicInteger failures) {
    }

    /** Whether request number i is a GET: get = all, put = none, both = every other, mix = 4 in 5 (80/20). */
    private static boolean isGet(String mode, int i) {
        return switch (mode) {
            case "get" -> true;
            case "put" -> false;
            case "both" -> i % 2 == 0;
            case "mix" -> i % 5 != 0;
            default -> throw new IllegalArgumentException("mode is get, put, both or mix, not " + mode);
        };
    }

    private static int run(HttpClient http, String base, String token, String path, int rate, int seconds,
                           Result result, String mode) throws Exception {
        int total = rate * seconds;
        long[] took = new long[total];
        boolean[] wasGet = new boolean[total];
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean get = isGet(mode, i);
            wasGet[i] = get;
            int slot = i;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
            if (get) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"max_members\":" + (10 + i % 50) + "}"));
            }
            pending.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        took[slot] = System.nanoTime() - due;
                        if (result != null && (error != null || response.statusCode() != 200)) {
                            result.failures.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
        if (result != null) {
            for (int m = 0; m < 2; m++) {
                boolean gets = m == 0;
                result.latencies[m] = IntStream.range(0, total).filter(i -> wasGet[i] == gets)
                        .mapToLong(i -> took[i]).toArray();
            }
        }
        return total;
    }

    /** utime + stime of the process, all threads, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
