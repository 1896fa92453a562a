package org.confbridge.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@code confbridge.sip.responses.sent} by method and status: the counts the SIP side of the server keeps
 * where its messages leave (the launcher's sockets, another class loader), published as a JMX MBean with JDK
 * types only. Read on each scrape ({@link #refresh}); a new method/status pair gets its counter then.
 * Without the MBean (the EJB module deployed elsewhere) there is simply no such meter.
 */
final class SipResponseMeters {

    static final String OBJECT_NAME = "org.confbridge:type=SipResponsesSent";
    private static final Logger LOG = Logger.getLogger(SipResponseMeters.class.getName());

    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> last = Map.of();
    private volatile boolean warned;

    SipResponseMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reads the current counts; registers a counter for each method/status pair seen for the first time. */
    void refresh() {
        Map<String, Long> counts = read();
        last = counts;
        for (String key : counts.keySet()) {
            if (registered.add(key)) {
                int space = key.indexOf(' ');
                FunctionCounter.builder(MeterNames.of("sip.responses.sent"), this,
                        m -> m.last.getOrDefault(key, 0L))
                        .description("SIP responses sent by the server, by the method they answer and status code"
                                + " (retransmissions included)")
                        .tag("method", key.substring(0, space)).tag("status", key.substring(space + 1))
                        .register(registry);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> read() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!server.isRegistered(name)) {
                return Map.of();
            }
            return Map.copyOf((Map<String, Long>) server.getAttribute(name, "Counts"));
        } catch (JMException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "SIP response counts unreadable: " + e.getMessage(), e);
            }
            return last;
        }
    }
}
