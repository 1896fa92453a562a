package org.confbridge.app.live;

/** One address the SIP container listens on, e.g. udp 127.0.0.1:5080. */
public record SipListeningPoint(String transport, String address, int port) {
}
