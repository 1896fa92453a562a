package org.confbridge.interfaces.sip;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sip.message.Request;
import javax.servlet.sip.SipServletResponse;

/**
 * Counts the BYEs we send until their answers arrive. A server that stops right after hanging up its calls waits
 * for this to reach zero before it takes the SIP application down, so the answers do not arrive at an application
 * that is gone (reported by the container as an error) and callers see a clean end of their dialog.
 */
public final class HangupsInFlight implements HangupsInFlightMBean {
    /** Where the launcher finds it on the platform MBean server. */
    public static final String OBJECT_NAME = "org.confbridge:type=HangupsInFlight";

    private static final Logger LOG = Logger.getLogger(HangupsInFlight.class.getName());
    private static final AtomicInteger UNANSWERED = new AtomicInteger();

    private HangupsInFlight() {
    }

    /** A BYE is on its way (queued or sent). */
    public static void started() {
        UNANSWERED.incrementAndGet();
    }

    /** A BYE was not sent after all, or its final answer (or the container's timeout) arrived. */
    public static void finished() {
        UNANSWERED.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Counts the final answer of one of our BYEs. */
    public static void onResponse(SipServletResponse response) {
        if (Request.BYE.equals(response.getMethod()) && response.getStatus() >= 200) {
            finished();
        }
    }

    @Override
    public int getUnanswered() {
        return UNANSWERED.get();
    }

    /** Publishes the count on the platform MBean server (replacing an earlier deployment's). */
    static void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new HangupsInFlight(), name);
        } catch (javax.management.JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot publish the BYEs in flight over JMX: a stop will not wait for their answers", e);
        }
    }
}
