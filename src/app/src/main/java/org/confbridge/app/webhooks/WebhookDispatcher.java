package org.confbridge.app.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.app.events.Failures;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.metrics.MeterNames;
import org.confbridge.app.metrics.ServerMetrics;

/**
 * Moves conference events to webhooks. The bus's thread only offers each event to a bounded in-memory queue
 * (never blocking; full: dropped and counted). The {@code webhook-outbox} thread writes queued events to the
 * outbox table in batches; the {@code webhook-sender} thread takes due deliveries from the table and POSTs
 * them, several at once but of each webhook and conference only the oldest, so that order holds; the
 * outcome of each attempt is written back; the log of finished deliveries is kept for {@link #KEEP_LOG}. A
 * slow receiver holds one sending slot for at most {@link #REQUEST_TIMEOUT}; nothing of it reaches a call.
 */
@Singleton
@Startup
@DependsOn({"LiveConferences", "ServerMetrics"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 500;
    private static final int PARALLEL = 8;
    /** Deliveries attempted together per round (different webhooks or conferences). */
    private static final int ROUND = 64;
    private static final long IDLE_MILLIS = 250;
    /** Deliveries made or given up stay in the log this long. */
    static final Duration KEEP_LOG = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final Clock clock = Clock.systemUTC();
    private final BlockingQueue<ConferenceEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Object wake = new Object();
    private volatile boolean running = true;
    private Thread writer;
    private Thread sender;
    private ExecutorService posting;
    /** Made by the sender thread for the first delivery (most servers never have one; it costs a thread). */
    private HttpClient http;
    private final WebhookTargets targets = WebhookTargets.fromSettings();
    private AutoCloseable subscription;
    private String run;
    private Counter failures;
    private Counter delivered;

    @EJB
    private LiveConferences live;

    @EJB
    private WebhookOutbox outbox;

    @EJB
    private ServerMetrics metrics;

    @PostConstruct
    void start() {
        ConferenceEvents events = live.events();
        run = events.run();
        posting = Executors.newFixedThreadPool(PARALLEL, runnable -> daemon(runnable, "webhook-post"));
        MeterRegistry registry = metrics.registry();
        failures = Counter.builder(MeterNames.of("webhook.failures")).description("failed webhook delivery attempts")
                .register(registry);
        delivered = Counter.builder(MeterNames.of("webhook.deliveries")).description("webhook deliveries made")
                .register(registry);
        Gauge.builder(MeterNames.of("webhook.queue"), queue, BlockingQueue::size).strongReference(true)
                .description("events waiting to be written to the webhook outbox").register(registry);
        Gauge.builder(MeterNames.of("webhook.pending"), pending, AtomicLong::get).strongReference(true)
                .description("webhook deliveries not yet made (outbox)").register(registry);
        Gauge.builder(MeterNames.of("webhook.dropped"), dropped, AtomicLong::get).strongReference(true)
                .description("events not queued for webhooks because the queue was full").register(registry);
        writer = daemon(this::writeLoop, "webhook-outbox");
        sender = daemon(this::sendLoop, "webhook-sender");
        writer.start();
        sender.start();
        subscription = events.subscribe(event -> {
            if (!queue.offer(event)) {
                dropped.incrementAndGet();
            }
        });
    }

    /** The client, made on first use; only the {@code webhook-sender} thread calls this. */
    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(posting)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    @PreDestroy
    void stop() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribe failed", e);
        }
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        join(writer);
        join(sender);
        posting.shutdownNow();
    }

    private void writeLoop() {
        List<ConferenceEvent> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    ConferenceEvent first = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, BATCH - batch.size());
                int written = outbox.enqueue(run, batch, clock.instant());
                batch.clear();
                if (written > 0) {
                    pending.addAndGet(written);
                    synchronized (wake) {
                        wake.notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning("webhook outbox write failed (" + Failures.oneLine(e) + "); trying again");
                pause(1000);
                if (!running) {
                    return; // the database is gone with the server
                }
            }
        }
    }

    private void sendLoop() {
        try {
            pending.set(outbox.pendingCount());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook outbox not readable", e);
        }
        Instant nextPurge = clock.instant();
        while (running) {
            try {
                if (!clock.instant().isBefore(nextPurge)) {
                    nextPurge = clock.instant().plus(PURGE_EVERY);
                    outbox.purge(clock.instant().minus(KEEP_LOG));
                }
                List<Due> due = outbox.due(clock.instant(), ROUND);
                if (due.isEmpty()) {
                    synchronized (wake) {
                        if (running) {
                            wake.wait(IDLE_MILLIS);
                        }
                    }
                    continue;
                }
                List<CompletableFuture<Void>> attempts = new ArrayList<>();
                for (Due delivery : due) {
                    attempts.add(attempt(delivery));
                }
                CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning("webhook delivery round failed (" + Failures.oneLine(e) + "); trying again");
                pause(1000);
            }
        }
    }

    private CompletableFuture<Void> attempt(Due delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            URI url = URI.create(delivery.url());
            // Again at each attempt: the name may resolve elsewhere now than at registration (DNS rebinding),
            // or the operator narrowed the allowed hosts since.
            Optional<String> refused = targets.refusal(url);
            if (refused.isPresent()) {
                record(delivery, null, "not sent: the URL " + refused.get());
                return CompletableFuture.completedFuture(null);
            }
            request = HttpRequest.newBuilder(url)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "confbridge-webhooks")
                    .header("X-Confbridge-Event", delivery.eventType())
                    .header("X-Confbridge-Event-Id", delivery.eventId())
                    .header("X-Confbridge-Delivery", String.valueOf(delivery.id()))
                    .header("X-Confbridge-Timestamp", String.valueOf(timestamp))
                    .header("X-Confbridge-Signature", Signature.of(delivery.secret(), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
        } catch (RuntimeException e) {
            record(delivery, null, "invalid request: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http().sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                record(delivery, null, error.getClass().getSimpleName() + ": " + error.getMessage());
            } else if (response.statusCode() / 100 == 2) {
                outbox.delivered(delivery.id(), clock.instant(), response.statusCode());
                pending.decrementAndGet();
                delivered.increment();
            } else {
                record(delivery, response.statusCode(), "HTTP " + response.statusCode());
            }
            return null;
        });
    }

    private void record(Due delivery, Integer status, String error) {
        failures.increment();
        if (outbox.failed(delivery.id(), clock.instant(), status, error)) {
            pending.decrementAndGet();
            LOG.warning("webhook delivery " + delivery.id() + " to " + delivery.url() + " given up after "
                    + (delivery.attempts() + 1) + " attempts: " + error);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(REQUEST_TIMEOUT.toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
