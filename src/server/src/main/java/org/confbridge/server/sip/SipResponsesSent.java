package org.confbridge.server.sip;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counts the SIP responses the server sends, by the method of the request they answer (the CSeq method) and
 * status code, read from the bytes as they leave through the stack's sockets ({@link GuardedNetworkLayer}):
 * the one place every response passes, whoever made it (a servlet, the container, the stack itself, or
 * {@link RequestScreen}). Retransmissions are sent again and counted again.
 *
 * <p>Published as the MBean {@value #OBJECT_NAME}; the application's metrics read it from there.
 * Cost per message: a look at the status line and a scan for the CSeq header, one array increment.
 */
public final class SipResponsesSent implements SipResponsesSentMBean {

    public static final String OBJECT_NAME = "org.confbridge:type=SipResponsesSent";

    private static final Logger LOG = Logger.getLogger(SipResponsesSent.class.getName());
    /** Methods counted by name; any other is {@code OTHER}. */
    static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "REGISTER", "SUBSCRIBE",
        "NOTIFY", "PUBLISH", "MESSAGE", "REFER", "UPDATE", "PRACK", "OTHER"};
    private static final int OTHER = METHODS.length - 1;
    private static final int MIN_STATUS = 100;
    private static final int STATUSES = 600; // 100..699
    private static final byte[] SIP_VERSION = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLongArray counts = new AtomicLongArray(METHODS.length * STATUSES);

    /** Counts one outgoing message (a datagram or a stream write); anything but a response is ignored. */
    public void onSent(byte[] data, int offset, int length) {
        int status = status(data, offset, length);
        if (status < 0) {
            return;
        }
        counts.incrementAndGet(method(data, offset, length) * STATUSES + status - MIN_STATUS);
    }

    @Override
    public Map<String, Long> getCounts() {
        Map<String, Long> result = new TreeMap<>();
        for (int i = 0; i < counts.length(); i++) {
            long count = counts.get(i);
            if (count > 0) {
                result.put(METHODS[i / STATUSES] + " " + (MIN_STATUS + i % STATUSES), count);
            }
        }
        return result;
    }

    /** Registers this counter as {@value #OBJECT_NAME} (replacing an earlier one of this JVM). */
    public SipResponsesSent publish() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "SIP responses are not counted in the metrics: " + e.getMessage(), e);
        }
        return this;
    }

    /** The status code of a response's status line ({@code SIP/2.0 200 OK}), or -1 for anything else. */
    static int status(byte[] data, int offset, int length) {
        int p = offset;
        if (length < SIP_VERSION.length + 3) {
            return -1;
        }
        for (byte b : SIP_VERSION) {
            if (data[p++] != b) {
                return -1;
            }
        }
        int status = 0;
        for (int i = 0; i < 3; i++) {
            int digit = data[p++] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            status = status * 10 + digit;
        }
        return status >= MIN_STATUS && status < MIN_STATUS + STATUSES ? status : -1;
    }

    /** The index in {@link #METHODS} of the CSeq header's method (header names are case-insensitive). */
    static int method(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int p = offset; p < end - 5; p++) {
            if (data[p] == '\r' && data[p + 1] == '\n' && data[p + 2] == '\r') {
                return OTHER; // end of the headers: no CSeq
            }
            if (data[p] != '\n' || !startsIgnoringCase(data, p + 1, end, "cseq")) {
                continue;
            }
            int q = skip(data, p + 5, end, ' ', '\t');
            if (q >= end || data[q] != ':') {
                continue;
            }
            q = skip(data, q + 1, end, ' ', '\t');
            while (q < end && data[q] >= '0' && data[q] <= '9') {
                q++;
            }
            q = skip(data, q, end, ' ', '\t');
            int start = q;
            while (q < end && data[q] > ' ') {
                q++;
            }
            return methodIndex(data, start, q - start);
        }
        return OTHER;
    }

    private static int methodIndex(byte[] data, int start, int length) {
        for (int m = 0; m < OTHER; m++) {
            String name = METHODS[m];
            if (name.length() == length && startsIgnoringCase(data, start, start + length, name)) {
                return m;
            }
        }
        return OTHER;
    }

    private static boolean startsIgnoringCase(byte[] data, int from, int end, String lowerOrUpper) {
        if (end - from < lowerOrUpper.length()) {
            return false;
        }
        for (int i = 0; i < lowerOrUpper.length(); i++) {
            if (Character.toLowerCase((char) data[from + i]) != Character.toLowerCase(lowerOrUpper.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int skip(byte[] data, int from, int end, char a, char b) {
        int p = from;
        while (p < end && (data[p] == a || data[p] == b)) {
            p++;
        }
        return p;
    }
}
