package org.confbridge.server.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * log4j 1.2 appender (for Restcomm SIP Servlets, which log through log4j) that hands every event to
 * java.util.logging, so one set of handlers (console and the bounded log file) writes everything.
 */
public final class Log4jToJul extends AppenderSkeleton {

    @Override
    protected void append(LoggingEvent event) {
        Logger logger = Logger.getLogger(event.getLoggerName());
        Level level = levelOf(event.getLevel().toInt());
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, event.getRenderedMessage());
        record.setLoggerName(event.getLoggerName());
        ThrowableInformation thrown = event.getThrowableInformation();
        if (thrown != null) {
            record.setThrown(thrown.getThrowable());
        }
        logger.log(record);
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
