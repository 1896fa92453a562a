package org.confbridge.app.metrics;

/** The server's own meters are named {@code confbridge.<name>} (Prometheus: {@code confbridge_<name>}). */
final class MeterNames {

    static final String PREFIX = "confbridge.";

    private MeterNames() {
    }

    static String of(String name) {
        return PREFIX + name;
    }
}
