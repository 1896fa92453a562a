package org.confbridge.app.records;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.app.events.Failures;
import org.confbridge.app.live.LiveConferences;

/**
 * Keeps a record of every conference that ends: a {@link RecordCollector} on the event bus, and the
 * {@code conference-records} thread that writes each finished conference (a failed write is tried again).
 */
@Singleton
@Startup
@DependsOn("LiveConferences")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
public class ConferenceRecords {

    private static final Logger LOG = Logger.getLogger(ConferenceRecords.class.getName());

    private final BlockingQueue<FinishedConference> finished = new ArrayBlockingQueue<>(10_000);
    private volatile boolean running = true;
    private Thread writer;
    private AutoCloseable subscription;

    @EJB
    private LiveConferences live;

    @EJB
    private ConferenceRecordStore store;

    @PostConstruct
    void start() {
        writer = new Thread(this::write, "conference-records");
        writer.setDaemon(true);
        writer.start();
        subscription = live.events().subscribe(new RecordCollector(record -> {
            if (!finished.offer(record)) {
                LOG.warning("call record of conference " + record.conferenceId() + " dropped: writer behind");
            }
        }));
    }

    @PreDestroy
    void stop() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribe failed", e);
        }
        running = false;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        FinishedConference pending = null;
        while (running || !finished.isEmpty() || pending != null) {
            try {
                if (pending == null) {
                    pending = finished.poll(250, TimeUnit.MILLISECONDS);
                    if (pending == null) {
                        continue;
                    }
                }
                store.save(pending);
                pending = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The cause in one line: while the database is away this repeats every second.
                LOG.warning("call record of conference " + pending.conferenceId() + " not written (" + Failures.oneLine(e)
                        + "); trying again");
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
