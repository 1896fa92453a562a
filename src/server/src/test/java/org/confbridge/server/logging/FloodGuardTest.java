package org.confbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

    private final List<String> written = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final FloodGuard guard = new FloodGuard(List.of(new Handler() {
        @Override
        public void publish(LogRecord record) {
            written.add(record.getLoggerName() + ": " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }), 3, 10_000, nanos::get);

    @Test
    void aFloodFromOneLoggerBecomesOneSummaryLineAndOthersStillPass() {
        for (int i = 0; i < 1000; i++) {
            guard.publish(record("gov.nist.javax.sip", "bad packet " + i));
        }
        guard.publish(record("org.confbridge.app", "call joined"));
        nanos.addAndGet(10_000_000_000L);
        guard.summarizeEndedWindows();

        assertThat(written).containsExactly(
                "gov.nist.javax.sip: bad packet 0", "gov.nist.javax.sip: bad packet 1", "gov.nist.javax.sip: bad packet 2",
                "org.confbridge.app: call joined",
                "org.confbridge.server.logging: 997 more messages from gov.nist.javax.sip not logged (more than 3 in 10 s)");
    }

    @Test
    void theNextWindowLogsAgain() {
        for (int i = 0; i < 5; i++) {
            guard.publish(record("a", "m" + i));
        }
        nanos.addAndGet(10_000_000_000L);
        guard.publish(record("a", "later"));

        assertThat(written).containsExactly("a: m0", "a: m1", "a: m2",
                "org.confbridge.server.logging: 2 more messages from a not logged (more than 3 in 10 s)", "a: later");
    }

    private static LogRecord record(String logger, String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(logger);
        return record;
    }
}
