package org.confbridge.testkit;

/**
 * SIP transport for a call: UDP and TCP are always listened on, on the same port; TLS on a port of its own when
 * the phone was started with {@link TlsSetup}.
 */
public enum SipTransport {
    UDP, TCP, TLS;

    String jainName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
