package org.restcomm.commons.statistics.reporter;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Inert stand-in for {@code org.restcomm.commons:restcomm-statistics}, which Restcomm SIP Servlets'
 * dispatcher calls unconditionally and which sends usage statistics over the internet (on every stop
 * and daily, whatever the configuration says). That library is excluded from the build; this class
 * keeps the dispatcher's calls linkable and does nothing: no thread, no socket, no data kept.
 * The loopback-only network test fails if the real library ever returns.
 */
public class RestcommStatsReporter {

    public RestcommStatsReporter() {
    }

    /** The dispatcher keeps its SIP counters in this registry; nothing ever reads or sends it. */
    public static MetricRegistry getMetricRegistry() {
        return new MetricRegistry();
    }

    public static RestcommStatsReporter getRestcommStatsReporter() {
        return new RestcommStatsReporter();
    }

    public void setProjectName(String projectName) {
    }

    public void setProjectType(String projectType) {
    }

    public void setRemoteServer(String remoteServer) {
    }

    public void setVersion(String version) {
    }

    public void start(long period, TimeUnit unit) {
    }

    public void stop() {
    }
}
