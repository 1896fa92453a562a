package org.confbridge.interfaces.rest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.confbridge.interfaces.rest.ApiClient;

/**
 * Load benchmark (not part of the test run) for GET and PUT of conference properties against a
 * running server. Open loop: requests are started on a fixed schedule whatever the answers do, and
 * latency counts from the scheduled start, so a stalled server cannot hide its queueing.
 *
 * <pre>
 * mvn -q -pl src/rest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.confbridge.interfaces.rest.bench.ConferencePropertiesBenchmark \
 *   -Dexec.args="--url http://127.0.0.1:8080 --client-id ID --secret SECRET --rate 500 --seconds 20"
 * </pre>
 */
public final class ConferencePropertiesBenchmark {

    private ConferencePropertiesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:8080");
        int rate = Integer.parseInt(opt.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        double putShare = Double.parseDouble(opt.getOrDefault("put-share", "0.5"));

        ApiClient api = new ApiClient(url);
        String token = api.token(opt.get("client-id"), opt.get("secret"));
        String number = String.valueOf(900000 + (System.nanoTime() & 0xFFFF));
        ApiClient.Answer ext = api.post("/api/ver1.0/client/@me/extension/", token,
                "{\"name\":\"" + number + "\",\"type\":\"conference\",\"label\":\"benchmark\"}");
        if (ext.status() != 201) {
            throw new IllegalStateException("cannot create the benchmark conference: " + ext);
        }
        long id = ext.json().get("id").asLong();
        String path = url + "/api/ver1.0/client/@me/extension/" + id + "/conference/";

        int connections = Integer.parseInt(opt.getOrDefault("connections", "32"));
        HttpClient warm = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        warmUp(warm, path, token);

        // One synchronous client per worker: at most `connections` keep-alive connections, as a
        // pool of API users would have. Workers take the next scheduled slot and wait for its time.
        int total = rate * seconds;
        long[] getNanos = new long[total];
        long[] putNanos = new long[total];
        AtomicInteger gets = new AtomicInteger();
        AtomicInteger puts = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean put = (i % 100) < putShare * 100;
                    try {
                        HttpResponse<Void> r = http.send(put ? putRequest(path, token, i) : getRequest(path, token),
                                HttpResponse.BodyHandlers.discarding());
                        long latency = System.nanoTime() - due; // from the scheduled start: no coordinated omission
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (put) {
                            putNanos[puts.getAndIncrement()] = latency;
                        } else {
                            getNanos[gets.getAndIncrement()] = latency;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "bench-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;

        System.out.printf("conference properties: %d requests in %.1f s (%.0f req/s offered %d/s), errors %d%n",
                total, elapsed, total / elapsed, rate, errors.get());
        report("GET", Arrays.copyOf(getNanos, gets.get()));
        report("PUT", Arrays.copyOf(putNanos, puts.get()));
        JsonNode end = api.get("/api/ver1.0/client/@me/extension/" + id + "/conference/", token).json();
        System.out.println("final properties: " + end);
        api.delete("/api/ver1.0/client/@me/extension/" + id, token);
    }

    private static void warmUp(HttpClient http, String path, String token) throws Exception {
        for (int i = 0; i < 300; i++) {
            http.send(i % 2 == 0 ? getRequest(path, token) : putRequest(path, token, i),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpRequest getRequest(String path, String token) {
        return HttpRequest.newBuilder(java.net.URI.create(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static HttpRequest putRequest(String path, String token, int i) {
        String body = "{\"max_members\":" + (1 + i % 50) + ",\"record_enabled\":" + (i % 2 == 0) + "}";
        return HttpRequest.newBuilder(java.net.URI.create(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void report(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.println(what + ": no successful requests");
            return;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", what, nanos.length,
                pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            map.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return map;
    }
}
