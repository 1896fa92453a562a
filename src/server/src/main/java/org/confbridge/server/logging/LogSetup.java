package org.confbridge.server.logging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Logging of the embedded server: java.util.logging configured from {@code logging.properties}, log4j
 * (SIP container and stack) forwarded to it, and the root handlers (console from the properties, plus the
 * bounded {@code <data dir>/logs/confbridge.log}) behind one {@link FloodGuard}; every handler formats with
 * {@link SafeFormatter}.
 */
public final class LogSetup {

    private LogSetup() {
    }

    /**
     * @param julConfig   logging.properties content, if any
     * @param log4jConfig log4j.properties content, if any
     * @param logFile     the log file
     * @param maxBytes    size at which the log file is rotated
     * @param maxFiles    files kept, the current one included
     */
    public static void configure(Optional<InputStream> julConfig, Optional<InputStream> log4jConfig, Path logFile,
                                 long maxBytes, int maxFiles) throws IOException {
        if (julConfig.isPresent()) {
            try (InputStream in = julConfig.get()) {
                LogManager.getLogManager().readConfiguration(in);
            }
        }
        Logger root = Logger.getLogger("");
        List<Handler> targets = new ArrayList<>();
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.setFormatter(new SafeFormatter());
            targets.add(handler);
        }
        RotatingLogFile file = new RotatingLogFile(logFile, maxBytes, maxFiles);
        file.setFormatter(new SafeFormatter());
        targets.add(file);
        root.addHandler(FloodGuard.around(targets));
        if (log4jConfig.isPresent()) {
            try (InputStream in = log4jConfig.get()) {
                Properties log4j = new Properties();
                log4j.load(in);
                org.apache.log4j.LogManager.resetConfiguration();
                org.apache.log4j.PropertyConfigurator.configure(log4j);
            }
        }
    }
}
