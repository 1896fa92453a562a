package org.confbridge.server.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;
import org.mobicents.servlet.sip.core.DispatcherException;

/**
 * log4j 1.2 appender (for Restcomm SIP Servlets, which log through log4j) that hands every event to
 * java.util.logging, so one set of handlers (console and the bounded log file) writes everything.
 */
public final class Log4jToJul extends AppenderSkeleton {

    @Override
    protected void append(LoggingEvent event) {
        Logger logger = Logger.getLogger(event.getLoggerName());
        ThrowableInformation information = event.getThrowableInformation();
        Throwable thrown = information == null ? null : information.getThrowable();
        LogRecord record;
        if (thrown instanceof DispatcherException && ((DispatcherException) thrown).getErrorCode() / 100 == 4) {
            // A request the container answered with a 4xx (e.g. 481 for an in-dialog request of no dialog):
            // the remote party's mistake, not the server's; one line, without the request or a stack trace.
            record = new LogRecord(Level.INFO, "SIP request refused with " + ((DispatcherException) thrown).getErrorCode()
                    + ": " + firstLine(thrown.getMessage()));
        } else if (causedByPeer(thrown) && event.getLevel().toInt() >= org.apache.log4j.Level.WARN_INT) {
            // e.g. the peer closed its TCP connection before the answer went out, and the container's attempt
            // to answer 500 instead found no transaction left: the network's doing, not the server's
            record = new LogRecord(Level.WARNING, event.getRenderedMessage());
            record.setThrown(thrown);
        } else {
            record = new LogRecord(levelOf(event.getLevel().toInt()), event.getRenderedMessage());
            record.setThrown(thrown);
        }
        if (!logger.isLoggable(record.getLevel())) {
            return;
        }
        record.setLoggerName(event.getLoggerName());
        logger.log(record);
    }

    private static boolean causedByPeer(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof javax.sip.SipException
                    || t instanceof IllegalStateException && String.valueOf(t.getMessage())
                    .contains("a final error response has probably already been sent")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    static Level levelOf(int log4jLevel) {
        if (log4jLevel >= org.apache.log4j.Level.ERROR_INT) {
            return Level.SEVERE;
        }
        if (log4jLevel >= org.apache.log4j.Level.WARN_INT) {
            return Level.WARNING;
        }
        if (log4jLevel >= org.apache.log4j.Level.INFO_INT) {
            return Level.INFO;
        }
        return log4jLevel >= org.apache.log4j.Level.DEBUG_INT ? Level.FINE : Level.FINER;
    }

    @Override
    public boolean requiresLayout() {
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }
}
