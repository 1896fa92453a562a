package org.confbridge.interfaces.sip;

/** The JMX view of {@link HangupsInFlight}: JDK types only, so the launcher (another class loader) can read it. */
public interface HangupsInFlightMBean {

    /** BYEs we queued or sent whose final response has not arrived. */
    int getUnanswered();
}
