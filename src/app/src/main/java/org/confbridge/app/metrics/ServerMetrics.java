package org.confbridge.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.media.MediaServer;

/**
 * The server's meters, in one Prometheus registry, created at start (so that the counts that follow the
 * conference events see every event). Thread-safe without a container lock: the registry is.
 */
@Singleton
@Startup
@DependsOn({"LiveConferences", "MediaServer"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
public class ServerMetrics {

    private static final Logger LOG = Logger.getLogger(ServerMetrics.class.getName());

    private static final Duration[] SETUP_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;
    private AutoCloseable subscription;
    /** Kept: function counters hold their object weakly. */
    private MediaMeters mediaMeters;
    private SipResponseMeters sipResponses;
    private Timer dialInSetup;
    private Timer invitedSetup;

    @EJB
    private LiveConferences live;

    @EJB
    private MediaServer media;

    @PostConstruct
    void start() {
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);

        ConferenceEvents events = live.events();
        subscription = events.subscribe(new EventMeters(registry));
        Gauge.builder(MeterNames.of("events.queue"), events, ConferenceEvents::waiting)
                .description("conference events waiting for delivery to subscribers")
                .strongReference(true).register(registry);
        FunctionCounter.builder(MeterNames.of("events.dropped"), events, ConferenceEvents::dropped)
                .description("conference events dropped because the bus's queue was full").register(registry);
        LiveConferences calls = live;
        Gauge.builder(MeterNames.of("calls.live"), calls, LiveConferences::callCount)
                .description("answered calls in conferences, PIN prompt included")
                .strongReference(true).register(registry);
        MediaServer engine = media;
        mediaMeters = MediaMeters.register(registry, engine::stats);
        sipResponses = new SipResponseMeters(registry);
        sipResponses.refresh();
        dialInSetup = callSetupTimer("dial_in");
        invitedSetup = callSetupTimer("invited");
    }

    private Timer callSetupTimer(String origin) {
        return Timer.builder(MeterNames.of("call.setup"))
                .description("call setup time: dial-in calls from the INVITE reaching the application to the 200 OK"
                        + " sent; invited calls from the INVITE sent to the answer")
                .tag("origin", origin)
                .serviceLevelObjectives(SETUP_BUCKETS)
                .register(registry);
    }

    /** A dial-in call was answered {@code nanos} after its INVITE reached the application. */
    public void dialInAnswered(long nanos) {
        dialInSetup.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * {@link #dialInAnswered} as a plain function (the timer is thread-safe): the SIP side records every answer
     * with it, without a container call on its thread.
     */
    public java.util.function.LongConsumer dialInSetup() {
        Timer timer = dialInSetup;
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An invited call answered {@code nanos} after its INVITE was sent. */
    public void invitedAnswered(long nanos) {
        invitedSetup.record(nanos, TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stop() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribe failed", e);
        }
        gc.close();
        registry.close();
    }

    /** Where other parts of the server (the REST layer) add their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        sipResponses.refresh();
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }
}
