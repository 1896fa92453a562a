package org.confbridge.server.sip;

import java.util.Map;

/**
 * The JMX view of {@link SipResponsesSent}: JDK types only, so the application (another class loader) reads
 * it from the platform MBean server without knowing this class.
 */
public interface SipResponsesSentMBean {

    /** Responses sent since the start, by {@code "<METHOD> <status>"} (e.g. {@code "INVITE 200"}); non-zero only. */
    Map<String, Long> getCounts();
}
