package org.confbridge.testkit;

/** SIP transport for a call: both are always listened on, on the same port. */
public enum SipTransport {
    UDP, TCP;

    String jainName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
