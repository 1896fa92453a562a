package org.confbridge.interfaces.rest.health;

/** One SIP listening point: {@code {"transport":"udp","address":"127.0.0.1","port":5080}}. */
public record ListeningPoint(String transport, String address, int port) {
}
