package org.confbridge.server.logging;

import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import gov.nist.core.StackLogger;

/**
 * The JAIN-SIP stack's logger ({@code gov.nist.javax.sip.STACK_LOGGER} in mss-sip-stack.properties): writes
 * to java.util.logging under {@code gov.nist.javax.sip}, so the stack's messages go to the bounded log file
 * and pass the flood guard. Messages are cleaned: the stack logs an unparsable datagram as its whole receive
 * buffer in decimal (tens of KB per packet); {@link SafeFormatter#clean} turns that into a length.
 *
 * <p>Levels: the stack's errors are nearly always about its peers (an unparsable packet, a connection the
 * other side closed), so they are warnings here; its warnings (e.g. that TLS is not configured) are info.
 */
public final class SipStackLog implements StackLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");

    private volatile boolean enabled = true;
    private volatile String name = "gov.nist.javax.sip";

    @Override
    public void logStackTrace() {
        // the stack asks for a stack trace of the current thread at debug level: not wanted
    }

    @Override
    public void logStackTrace(int traceLevel) {
        // as above
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log(Level.WARNING, String.valueOf(ex.getMessage()), ex);
    }

    @Override
    public void logDebug(String message) {
        log(Level.FINE, message, null);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log(Level.FINE, message, ex);
    }

    @Override
    public void logTrace(String message) {
        log(Level.FINEST, message, null);
    }

    @Override
    public void logFatalError(String message) {
        log(Level.SEVERE, message, null);
    }

    @Override
    public void logError(String message) {
        log(Level.WARNING, message, null);
    }

    @Override
    public void logError(String message, Exception ex) {
        log(Level.WARNING, message, ex);
    }

    @Override
    public void logWarning(String message) {
        log(Level.INFO, message, null);
    }

    @Override
    public void logInfo(String message) {
        log(Level.INFO, message, null);
    }

    private void log(Level level, String message, Throwable thrown) {
        if (enabled && LOG.isLoggable(level)) {
            LOG.log(level, SafeFormatter.clean(message), thrown);
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return enabled && LOG.isLoggable(levelOf(logLevel));
    }

    static Level levelOf(int stackLevel) {
        if (stackLevel <= TRACE_FATAL) {
            return Level.SEVERE;
        }
        if (stackLevel <= TRACE_ERROR) {
            return Level.WARNING;
        }
        if (stackLevel <= TRACE_WARN) {
            return Level.INFO;
        }
        if (stackLevel <= TRACE_INFO) {
            return Level.INFO;
        }
        return stackLevel <= TRACE_DEBUG ? Level.FINE : Level.FINEST;
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // not logged
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        name = stackProperties.getProperty("javax.sip.STACK_NAME", name);
    }

    @Override
    public String getLoggerName() {
        return name;
    }
}
