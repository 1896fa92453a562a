package org.confbridge.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.confbridge.media.MediaStats;

/**
 * The media engine's figures ({@link MediaStats}), read once per scrape: every meter asks the same snapshot,
 * taken again when it is older than {@link #FRESH_NANOS}.
 */
final class MediaMeters {

    private static final long FRESH_NANOS = 500_000_000L;

    private final Supplier<MediaStats> source;
    private MediaStats last;
    private long takenAt;

    private MediaMeters(Supplier<MediaStats> source) {
        this.source = source;
    }

    /** Registers the meters; the caller keeps the result (function counters hold it weakly only). */
    static MediaMeters register(MeterRegistry registry, Supplier<MediaStats> source) {
        MediaMeters m = new MediaMeters(source);
        m.gauge(registry, MeterNames.of("media.legs"), "media legs open", MediaStats::legs);
        m.gauge(registry, MeterNames.of("media.rooms"), "mixing rooms open", MediaStats::rooms);
        m.gauge(registry, MeterNames.of("media.rtp.ports.in.use"), "RTP ports handed out",
                MediaStats::rtpPortsInUse);
        m.counter(registry, MeterNames.of("media.ticks"), "mixer ticks", MediaStats::ticks);
        m.counter(registry, MeterNames.of("media.ticks.late"), "mixer ticks started more than 10 ms late",
                MediaStats::lateTicks);
        m.counter(registry, MeterNames.of("media.ticks.skipped"), "mixer ticks dropped after a stall",
                MediaStats::skippedTicks);
        m.gauge(registry, MeterNames.of("media.tick.p50.seconds"), "median mixer tick duration (recent window)",
                s -> s.tickP50Micros() / 1e6);
        m.gauge(registry, MeterNames.of("media.tick.p99.seconds"),
                "99th percentile mixer tick duration (recent window)",
                s -> s.tickP99Micros() / 1e6);
        m.gauge(registry, MeterNames.of("media.tick.max.seconds"), "longest mixer tick (recent window)",
                s -> s.tickMaxMicros() / 1e6);
        m.counter(registry, MeterNames.of("rtp.dropped.from.strangers"),
                "RTP packets dropped because they came from neither the caller's address nor the latched source",
                MediaStats::droppedFromStrangers);
        m.counter(registry, MeterNames.of("rtp.packets.received"), "valid RTP packets received from callers",
                MediaStats::packetsReceived);
        m.counter(registry, MeterNames.of("rtp.packets.sent"), "RTP packets sent to callers",
                MediaStats::packetsSent);
        m.counter(registry, MeterNames.of("rtp.packets.lost"),
                "RTP packets missing from the callers' sequence numbers (gaps when the next packet came)",
                MediaStats::packetsLost);
        m.counter(registry, MeterNames.of("jitter.concealed.frames"),
                "20 ms frames the jitter buffers filled by loss concealment (nothing arrived in time)",
                MediaStats::concealedFrames);
        return m;
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<MediaStats> f) {
        Gauge.builder(name, this, m -> f.applyAsDouble(m.snapshot())).description(description)
                .strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<MediaStats> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.snapshot())).description(description)
                .register(registry);
    }

    private synchronized MediaStats snapshot() {
        long now = System.nanoTime();
        if (last == null || now - takenAt > FRESH_NANOS) {
            last = source.get();
            takenAt = now;
        }
        return last;
    }
}
