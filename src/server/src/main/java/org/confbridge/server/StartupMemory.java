package org.confbridge.server;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Gives back the memory the start-up needed and the running server does not: once everything is deployed, a
 * full collection (the start-up's garbage: parsed descriptors, JPA metadata, deployment scans; with the serial
 * collector the heap is compacted and sized by {@code -XX:MinHeapFreeRatio} / {@code -XX:MaxHeapFreeRatio}, so
 * the room it keeps for calls is committed but not touched), then a trim of the C heap (memory the JVM freed,
 * e.g. the JIT compilers' work areas of the start-up, otherwise kept by the C library until the next periodic
 * trim, {@code -XX:TrimNativeHeapInterval}). Takes some 100 ms, once.
 */
final class StartupMemory {

    private static final Logger LOG = Logger.getLogger(StartupMemory.class.getName());
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    /** The diagnostic command System.trim_native_heap (JDK 17.0.9 and later, 21.0.1 and later). */
    private static final String TRIM = "systemTrimNativeHeap";

    private StartupMemory() {
    }

    static void release() {
        System.gc();
        trimNativeHeap();
    }

    private static void trimNativeHeap() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName commands = new ObjectName(DIAGNOSTIC_COMMAND);
            boolean available = Arrays.stream(server.getMBeanInfo(commands).getOperations())
                    .anyMatch(operation -> TRIM.equals(operation.getName()));
            if (!available) {
                LOG.fine("this JVM cannot trim the C heap on request");
                return;
            }
            Object outcome = server.invoke(commands, TRIM, new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
            LOG.fine(() -> "start-up memory given back: " + String.valueOf(outcome).trim());
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "the C heap was not trimmed", e);
        }
    }
}
