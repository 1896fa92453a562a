package org.confbridge.app.metrics;

/** The server's own meters are named {@code confbridge.<name>} (Prometheus: {@code confbridge_<name>}). */
public final class MeterNames {

    public static final String PREFIX = "confbridge.";

    private MeterNames() {
    }

    public static String of(String name) {
        return PREFIX + name;
    }
}
