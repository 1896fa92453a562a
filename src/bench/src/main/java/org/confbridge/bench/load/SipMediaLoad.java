package org.confbridge.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * External load generator against a running confbridge server (its own process): signals
 * {@code PARTICIPANTS} phones in over SIP/UDP (INVITE / 200 / ACK, rooms of {@code ROOM_SIZE} on
 * one conference extension each, at most {@code WINDOW} INVITEs outstanding), keeps them sending
 * and receiving 20 ms PCMU RTP ({@code TALKERS} talkers per room, the others line noise), and
 * reports:
 * <ul>
 *   <li>server CPU per participant-frame: {@code utime + stime} of {@code /proc/<pid>/stat} (all
 *       threads) over the measurement window, divided by participants x 20 ms frames;</li>
 *   <li>that divided by the UDP floor, measured first in this run: the CPU time of one 172-byte
 *       send plus its receive in a tight blocking {@code DatagramChannel} loop on loopback;</li>
 *   <li>frames lost (sequence gaps) and late (more than 40 ms behind the stream's best transit)
 *       at the phones; server RSS and threads (idle before the calls, and loaded);</li>
 *   <li>INVITE-&gt;200 p50 / p99 and joins per second during the join phase.</li>
 * </ul>
 *
 * <p>Environment: {@code SERVER_PID}, {@code SIP_PORT}, {@code HTTP_PORT}, {@code CLIENT_ID},
 * {@code CLIENT_SECRET} (required; {@code src/server/bench/media-load.sh} starts a server and sets
 * them), {@code PARTICIPANTS} (2000), {@code ROOM_SIZE} (10), {@code TALKERS} (2),
 * {@code WINDOW} (20), {@code WARMUP_SECONDS} (5), {@code MEASURE_SECONDS} (20),
 * {@code HOST} (127.0.0.1). The last line, {@code RESULT ...}, has every figure as key=value.
 */
public final class SipMediaLoad {
    private SipMediaLoad() {
    }

    public static void main(String[] args) throws Exception {
        int participants = intEnv("PARTICIPANTS", 2000);
        int roomSize = intEnv("ROOM_SIZE", 10);
        int talkers = intEnv("TALKERS", 2);
        int window = intEnv("WINDOW", 20);
        int warmup = intEnv("WARMUP_SECONDS", 5);
        int measure = intEnv("MEASURE_SECONDS", 20);
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        ServerProcess server = new ServerProcess(Long.parseLong(requiredEnv("SERVER_PID")));
        InetSocketAddress sip = new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(requiredEnv("SIP_PORT")));
        String http = "http://" + host + ":" + requiredEnv("HTTP_PORT");

        double floor = udpFloorMicros();
        long idleRss = server.rssMb();
        long idleThreads = server.threads();
        System.out.printf(Locale.ROOT, "load %.2f; UDP floor (blocking loopback send+receive, 172 bytes) %.2f us;"
                + " idle server: RSS %d MB, %d threads%n", ServerProcess.loadAverage(), floor, idleRss, idleThreads);

        int rooms = (participants + roomSize - 1) / roomSize;
        String[] roomNumbers = createConferences(http, rooms);
        String[] extensions = new String[participants];
        for (int i = 0; i < participants; i++) {
            extensions[i] = roomNumbers[i / roomSize];
        }

        ServerProcess self = ServerProcess.self();
        try (EventConsumers events = EventConsumers.fromEnvironment(http);
                RtpPhones phones = new RtpPhones(participants, roomSize, talkers); SipCalls calls = new SipCalls(sip)) {
            int[] ports = new int[participants];
            for (int i = 0; i < participants; i++) {
                ports[i] = phones.localPort(i);
            }
            phones.start();
            java.util.Map<String, Long> joinThreads0 = server.cpuNanosByThread();
            long joinCpu0 = server.cpuNanos();
            long joinSelfCpu0 = self.cpuNanos();
            long joinStart = System.nanoTime();
            SipCalls.JoinResult join = calls.join(extensions, ports, window, phones::activate);
            long joinCpu1 = server.cpuNanos();
            long joinSelfCpu1 = self.cpuNanos();
            long joinEnd = System.nanoTime();
            java.util.Map<String, Long> joinThreads1 = server.cpuNanosByThread();
            double joinSeconds = (join.lastAnswerNanos() - join.firstInviteNanos()) / 1e9;
            long[] lat = join.inviteToOkNanos();
            double p50 = lat.length == 0 ? -1 : lat[lat.length / 2] / 1e6;
            double p99 = lat.length == 0 ? -1 : lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))] / 1e6;
            double joinsPerSecond = join.answered() / Math.max(1e-9, joinSeconds);
            System.out.printf(Locale.ROOT, "joined %d of %d in %.1f s (%.0f joins/s, window %d), failed %d %s,"
                    + " INVITE->200 p50 %.1f ms p99 %.1f ms max %.1f ms, retransmissions %d; load %.2f%n",
                    join.answered(), participants, joinSeconds, joinsPerSecond, window, join.failed(),
                    join.failuresByStatus(), p50, p99, lat.length == 0 ? -1 : lat[lat.length - 1] / 1e6,
                    join.retransmissions(), ServerProcess.loadAverage());
            // CPU, unlike the rate, hardly moves with what else runs on the machine: compare builds by it too.
            double joinWall = Math.max(1e-9, (joinEnd - joinStart) / 1e9);
            double joinCpuMs = (joinCpu1 - joinCpu0) / 1e6 / Math.max(1, join.answered());
            System.out.printf(Locale.ROOT, "join phase: server CPU %.2f ms per join (%.2f cores: SIP threads %.2f,"
                    + " JIT compilers %.2f, GC/VM %.2f, media %.2f), generator %.2f cores%n", joinCpuMs,
                    (joinCpu1 - joinCpu0) / 1e9 / joinWall,
                    coresOf(joinThreads0, joinThreads1, joinWall, "confbridge-UDP", "MessageProcess"),
                    coresOf(joinThreads0, joinThreads1, joinWall, "C1 Compiler", "C2 Compiler"),
                    coresOf(joinThreads0, joinThreads1, joinWall, "VM Thread"),
                    coresOf(joinThreads0, joinThreads1, joinWall, "media-"),
                    (joinSelfCpu1 - joinSelfCpu0) / 1e9 / joinWall);

            pollFor(calls, warmup * 1000L);
            long start = System.nanoTime() + 50_000_000L;
            long end = start + measure * 1_000_000_000L;
            phones.measure(start, end);
            pollUntil(calls, start);
            java.util.Map<String, Long> threads0 = server.cpuNanosByThread();
            long cpu0 = server.cpuNanos();
            long kernel0 = server.kernelCpuNanos();
            long[] events0 = events.counts();
            TickFigures ticks0 = TickFigures.scrape(http, EventConsumers.bearer(http));
            long selfCpu0 = self.cpuNanos();
            long t0 = System.nanoTime();
            pollUntil(calls, end);
            long cpu1 = server.cpuNanos();
            long kernel1 = server.kernelCpuNanos();
            java.util.Map<String, Long> threads1 = server.cpuNanosByThread();
            long selfCpu1 = self.cpuNanos();
            long t1 = System.nanoTime();
            long[] events1 = events.counts();
            TickFigures ticks = TickFigures.scrape(http, EventConsumers.bearer(http));
            long rss = server.rssMb();
            long threads = server.threads();
            double load = ServerProcess.loadAverage();
            pollFor(calls, 200);
            phones.stop();

            RtpPhones.Figures f = phones.figures();
            double frames = (double) f.phones() * (t1 - t0) / RtpPhones.TICK_NANOS;
            double cpuPerFrame = (cpu1 - cpu0) / 1000.0 / frames;
            double expected = f.received() + f.lost();
            double lostPct = 100.0 * f.lost() / Math.max(1, expected);
            double latePct = 100.0 * f.late() / Math.max(1, f.received());
            double clockExpected = (double) f.phones() * (end - start) / RtpPhones.TICK_NANOS;
            double missingPct = 100.0 * Math.max(0, clockExpected - expected) / clockExpected;
            double perFrameSent = (cpu1 - cpu0) / 1000.0 / Math.max(1, expected);
            double serverCores = (cpu1 - cpu0) / (double) (t1 - t0);
            double selfCores = (selfCpu1 - selfCpu0) / (double) (t1 - t0);
            System.out.printf(Locale.ROOT, "%d participants in %d rooms, %d talkers each, measured %d s: server CPU %.2f us"
                    + " per participant-frame = %.2fx floor (%.2f cores; generator %.2f cores)%n",
                    f.phones(), rooms, talkers, measure, cpuPerFrame, cpuPerFrame / floor, serverCores, selfCores);
            if (missingPct > 1 || f.senderLateTicks() > measure * 5L) {
                System.out.printf(Locale.ROOT, "WARNING: the server or the generator did not keep up (machine load %.1f):"
                        + " CPU per frame the server really sent %.2f us; the figures above are not comparable%n",
                        ServerProcess.loadAverage(), perFrameSent);
            }
            double kernelPerFrame = (kernel1 - kernel0) / 1000.0 / frames;
            System.out.printf(Locale.ROOT, "of which in the kernel (system time: UDP send and receive) %.2f us, in the JVM"
                    + " (user time: our code, Netty, GC, JIT) %.2f us%n", kernelPerFrame, cpuPerFrame - kernelPerFrame);
            System.out.printf(Locale.ROOT, "at the phones: %d frames received, lost %.3f%%, late %.3f%%, not sent by the"
                    + " server %.3f%% (vs. wall clock), silent phones %d; server RSS %d MB, %d threads; load %.2f%n",
                    f.received(), lostPct, latePct, missingPct, f.phonesSilent(), rss, threads, load);
            StringBuilder split = new StringBuilder("server CPU by thread, us per participant-frame:");
            threads1.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8)
                    .forEach(e -> split.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue() / 1000.0 / frames)));
            System.out.println(split);
            System.out.printf(Locale.ROOT, "generator: %d packets sent in the window, sender late ticks %d, skipped %d%n",
                    f.sent(), f.senderLateTicks(), f.senderSkippedTicks());

            double seconds = (t1 - t0) / 1e9;
            double mixCpu = threads1.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("media-clock") || e.getKey().startsWith("media-mix"))
                    .mapToLong(e -> e.getValue() - threads0.getOrDefault(e.getKey(), 0L)).sum() / 1000.0 / frames;
            // The mixing threads' CPU per tick the clock really ran, per participant: unlike the figures per
            // wall-clock frame it does not drop when a starved server skips ticks.
            double mixCpuPerTick = threads1.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("media-clock") || e.getKey().startsWith("media-mix"))
                    .mapToLong(e -> e.getValue() - threads0.getOrDefault(e.getKey(), 0L)).sum() / 1000.0
                    / Math.max(1, ticks.ticks() - ticks0.ticks()) / f.phones();
            System.out.printf(Locale.ROOT, "events %s (%s): stream %.0f events/s (talking %.0f/s), webhook %.0f"
                    + " deliveries/s; server: %s%n", events.attached() ? "ON" : "off", TalkSpurts.fromEnvironment(),
                    (events1[0] - events0[0]) / seconds, (events1[1] - events0[1]) / seconds,
                    (events1[2] - events0[2]) / seconds, ticks);
            System.out.printf(Locale.ROOT, "RESULT_EVENTS events=%s participants=%d cpu_us=%.2f mix_cpu_us=%.2f"
                    + " mix_cpu_per_tick_us=%.3f ticks=%.0f sent_cpu_us=%.2f tick_p50_us=%.0f"
                    + " tick_p99_us=%.0f tick_max_us=%.0f late_ticks=%.0f stream_per_s=%.0f talking_per_s=%.0f"
                    + " webhook_per_s=%.0f load=%.2f%n", events.attached() ? "on" : "off", f.phones(), cpuPerFrame,
                    mixCpu, mixCpuPerTick, ticks.ticks() - ticks0.ticks(), perFrameSent, ticks.p50Micros(),
                    ticks.p99Micros(), ticks.maxMicros(), ticks.lateTicks() - ticks0.lateTicks(),
                    (events1[0] - events0[0]) / seconds, (events1[1] - events0[1]) / seconds,
                    (events1[2] - events0[2]) / seconds, load);

            int ended = calls.hangUpAll(window, 60_000_000_000L);
            System.out.printf(Locale.ROOT, "hung up %d of %d calls; server requests seen %d%n", ended, join.answered(),
                    calls.serverRequests());
            System.out.printf(Locale.ROOT, "RESULT participants=%d cpu_us=%.2f kernel_us=%.2f floor_us=%.2f ratio=%.2f"
                    + " lost_pct=%.3f late_pct=%.3f unsent_pct=%.3f rss_mb=%d threads=%d idle_rss_mb=%d idle_threads=%d"
                    + " invite_p50_ms=%.1f invite_p99_ms=%.1f joins_per_s=%.0f join_failures=%d load=%.2f"
                    + " join_cpu_ms=%.2f%n",
                    f.phones(), cpuPerFrame, kernelPerFrame, floor, cpuPerFrame / floor, lostPct, latePct, missingPct,
                    rss, threads, idleRss, idleThreads, p50, p99, joinsPerSecond, join.failed(), load, joinCpuMs);
        }
    }

    /**
     * CPU time of one 172-byte datagram sent and received on loopback, in a tight loop of blocking
     * {@link DatagramChannel} calls on this thread: what the kernel and the JDK cost per packet, at best.
     */
    static double udpFloorMicros() throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress to = (InetSocketAddress) b.getLocalAddress();
            ByteBuffer out = ByteBuffer.allocateDirect(RtpPhones.PACKET);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 7; round++) {
                int iterations = 50_000;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    out.clear();
                    a.send(out, to);
                    in.clear();
                    b.receive(in);
                }
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / iterations);
            }
            return best;
        }
    }

    /** Creates {@code count} conference extensions over REST; returns their numbers. */
    private static String[] createConferences(String base, int count) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(requiredEnv("CLIENT_ID"), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(requiredEnv("CLIENT_SECRET"), StandardCharsets.UTF_8);
        HttpResponse<String> token = client.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 200 || !matcher.find()) {
            throw new IOException("no token: " + token.statusCode() + " " + token.body());
        }
        String bearer = "Bearer " + matcher.group(1);
        String[] numbers = new String[count];
        int first = 1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000);
        for (int i = 0; i < count; i++) {
            numbers[i] = Integer.toString(first + i);
            String body = "{\"name\":\"" + numbers[i] + "\",\"type\":\"conference\",\"label\":\"load " + i + "\"}";
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/api/ver1.0/client/@me/extension"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() / 100 != 2) {
                throw new IOException("cannot create conference " + numbers[i] + ": " + created.statusCode() + " " + created.body());
            }
        }
        return numbers;
    }

    /** Cores the server's threads whose names start with one of {@code prefixes} used between the two readings. */
    private static double coresOf(java.util.Map<String, Long> before, java.util.Map<String, Long> after, double seconds,
            String... prefixes) {
        long nanos = 0;
        for (var e : after.entrySet()) {
            for (String prefix : prefixes) {
                if (e.getKey().startsWith(prefix)) {
                    nanos += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                    break;
                }
            }
        }
        return nanos / 1e9 / seconds;
    }

    private static void pollFor(SipCalls calls, long millis) throws IOException, InterruptedException {
        pollUntil(calls, System.nanoTime() + millis * 1_000_000L);
    }

    /** Answers what the server sends (a BYE, say) until {@code deadline}. */
    private static void pollUntil(SipCalls calls, long deadline) throws IOException, InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            calls.poll();
            Thread.sleep(Math.max(1, Math.min(50, wait / 1_000_000L)));
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("set " + name);
        }
        return value;
    }
}
