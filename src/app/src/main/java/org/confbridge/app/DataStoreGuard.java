package org.confbridge.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.infrastructure.DiskReserve;
import org.confbridge.infrastructure.persistence.DatabaseErrors;

/**
 * Keeps the API answering quickly and truthfully when storage fails.
 * <ul>
 * <li>Disk: writes are refused ({@link ServiceUnavailableException.Reason#DISK_FULL}, 507) while the data
 * directory's disk has less than CONF_DISK_MIN_FREE_MB usable, and for a moment after a write failed
 * because the disk was full; they are accepted again by themselves once space returns.</li>
 * <li>Database: a circuit breaker. After a failure that means "database unreachable", every request
 * is answered 503 at once for CONF_DB_RETRY_AFTER_SECONDS; then a single request is let through as a
 * probe: if it works the circuit closes, if not it opens again. Nobody waits on a dead database but
 * the probe.</li>
 * </ul>
 * Used by {@link DataStoreInterceptor} around the configuration services, by the REST layer for
 * failures that surface only at commit, and by the health check.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DataStoreGuard {

    private static final Logger LOG = Logger.getLogger(DataStoreGuard.class.getName());
    /** After a write failed for lack of space, writes stay refused this long before one is tried again. */
    private static final long DISK_FAILURE_HOLD_NANOS = Duration.ofSeconds(2).toNanos();
    static final int WRITE_AMPLIFICATION = 3;
    /** A probe that has not come back by then (a hung connect) no longer blocks the next probe. */
    private static final long PROBE_TIMEOUT_NANOS = Duration.ofSeconds(30).toNanos();
    /** The reserve file and the state changes are checked at least this often (requests in between only statfs). */
    private static final long FULL_CHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private ResilienceSettings settings;

    private DiskReserve reserve;
    private volatile long usableBytes = Long.MAX_VALUE;
    private volatile long diskFailedAt;
    private volatile boolean diskFailed;
    private volatile boolean diskLow;
    /** When the serialised disk check (reserve file included) last ran. */
    private volatile long lastFullCheckAt = System.nanoTime() - FULL_CHECK_NANOS;
    private volatile FileStore dataStore;

    private volatile boolean circuitOpen;
    private volatile long circuitOpenedAt;
    private volatile String databaseError;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long probeStartedAt;

    @PostConstruct
    void readSettings() {
        useSettings(ResilienceSettings.fromEnvironment());
    }

    /** For tests that wire the guard by hand. */
    void useSettings(ResilienceSettings s) {
        settings = s;
        reserve = new DiskReserve(s.dataDir(), s.diskReserveBytes());
        diskIsLow(); // writes the reserve when there is room
    }

    /**
     * Throws {@link ServiceUnavailableException} when the request must not touch the database now.
     *
     * @return true when this request is the probe of an open circuit (report its outcome)
     */
    public boolean beforeDatabaseWork(boolean writes) {
        if (writes) {
            requireWritable();
        } else {
            diskIsLow(); // releases the disk reserve before a read if the disk filled up meanwhile
        }
        if (!circuitOpen) {
            return false;
        }
        long now = System.nanoTime();
        long retryNanos = settings.databaseRetryAfter().toNanos();
        if (now - circuitOpenedAt >= retryNanos) {
            if (probing.compareAndSet(false, true)) {
                probeStartedAt = now;
                return true;
            }
            if (now - probeStartedAt > PROBE_TIMEOUT_NANOS) {
                probeStartedAt = now;
                return true;
            }
        }
        throw databaseUnavailable();
    }

    /** The database answered (a request that used it ended without a storage failure). */
    public void databaseWorked() {
        if (circuitOpen) {
            circuitOpen = false;
            databaseError = null;
            LOG.warning("the database answers again: requests are served again");
        }
        probing.set(false);
    }

    /**
     * Files a failure seen while using the database and returns what the caller should throw instead:
     * a {@link ServiceUnavailableException} when it was the disk or the database being unreachable,
     * else {@code failure} itself (or null when it is not a storage failure at all).
     */
    public RuntimeException storageFailure(Throwable failure) {
        if (DatabaseErrors.isDiskFull(failure)) {
            noteDiskFull(failure);
            probing.set(false);
            return diskFull();
        }
        if (DatabaseErrors.isUnavailable(failure)) {
            openCircuit(failure);
            // H2 closes its file after a failed write: when space is short, say so.
            return diskIsLow() ? diskFull() : databaseUnavailable();
        }
        return null;
    }

    /** A write of a file under the data directory failed with this; true when it was lack of space. */
    public boolean fileWriteFailed(IOException failure) {
        if (DatabaseErrors.isDiskFull(failure) || diskIsLow()) {
            noteDiskFull(failure);
            return true;
        }
        return false;
    }

    /** Throws 507's exception when there is not enough disk space for a write now. */
    public void requireWritable() {
        if (diskIsLow()) {
            throw diskFull();
        }
    }

    /**
     * Like {@link #requireWritable()}, for a write of about {@code bytes}: refused unless the floor is
     * still free after it (counted {@value #WRITE_AMPLIFICATION} times: the database writes a new copy of
     * what it changes before the old one is freed). Keeps a large upload from running the disk out in
     * the middle of a database write: H2 closes its file for good when a write fails.
     */
    public void requireWritable(long bytes) {
        requireWritable();
        if (usableBytes != Long.MAX_VALUE && usableBytes - WRITE_AMPLIFICATION * bytes < settings.diskMinFreeBytes()) {
            throw diskFull();
        }
    }

    /** Disk state for the health check. */
    public DiskState disk() {
        boolean low = diskIsLow();
        long usable = usableBytes;
        String reason = null;
        if (low) {
            long mb = 1024 * 1024;
            reason = diskFailed && !diskLow
                    ? "disk full: a write failed for lack of space on the data disk; writes resume when space is back"
                    : "disk almost full: " + usable / mb + " MB usable on the data disk; writes need at least "
                    + settings.diskMinFreeBytes() / mb + " MB (CONF_DISK_MIN_FREE_MB)"
                    + (reserve.present() ? "" : " plus " + reserve.size() / mb
                    + " MB to restore the released disk reserve (CONF_DISK_RESERVE_MB)");
        }
        return new DiskState(!low, settings.dataDir().toString(), usable == Long.MAX_VALUE ? -1 : usable,
                settings.diskMinFreeBytes(), reason);
    }

    /**
     * Whether the database is known to be down right now (the circuit is open), as a plain check that costs no
     * container call: for the SIP side's cached lookups, which must refuse new calls like the database reads do.
     */
    public java.util.function.BooleanSupplier databaseDownCheck() {
        return () -> circuitOpen;
    }

    /** Database circuit state for the health check: null when closed, else the last error. */
    public String databaseProblem() {
        return circuitOpen ? databaseError : null;
    }

    public Duration retryAfter() {
        return settings.databaseRetryAfter();
    }

    /**
     * Reads the free space (a statfs call, every time: a cached value would let a write through onto a
     * disk that filled up a moment ago). Below the floor the disk reserve is released, so the database
     * keeps room for its own bookkeeping; writes stay refused until there is room for the floor and
     * the reserve again, and then the reserve is written back.
     *
     * <p>Every API request passes here: while the disk was fine at the last full check (at most
     * {@link #FULL_CHECK_NANOS} ago) and still has room for the floor, the answer needs no lock and no look at
     * the reserve file; anything else takes the full, serialised check.
     */
    private boolean diskIsLow() {
        long now = System.nanoTime();
        if (!diskLow && !diskFailed && now - lastFullCheckAt < FULL_CHECK_NANOS) {
            long usable = usableSpace();
            if (usable >= settings.diskMinFreeBytes()) {
                usableBytes = usable;
                return false;
            }
        }
        return fullDiskCheck(now);
    }

    private synchronized boolean fullDiskCheck(long now) {
        lastFullCheckAt = now;
        usableBytes = usableSpace();
        long floor = settings.diskMinFreeBytes();
        boolean reserveMissing = !reserve.present();
        boolean low = usableBytes < floor + (reserveMissing ? reserve.size() : 0);
        if (usableBytes < floor && !reserveMissing && reserve.release()) {
            LOG.severe(() -> "disk almost full: released the " + reserve.size() / (1024 * 1024)
                    + " MB disk reserve (" + reserve.file() + ") so the database can finish its own writes");
            usableBytes = usableSpace();
        } else if (!low && reserveMissing && reserve.create()) {
            usableBytes = usableSpace();
            low = usableBytes < floor;
        }
        if (low != diskLow) {
            diskLow = low;
            long usable = usableBytes;
            if (low) {
                LOG.severe(() -> "disk almost full: " + usable + " bytes usable under " + settings.dataDir()
                        + ", less than CONF_DISK_MIN_FREE_MB (+ CONF_DISK_RESERVE_MB while the reserve is released);"
                        + " writes are refused until space is freed");
            } else {
                LOG.warning(() -> "disk space is back (" + usable + " bytes usable): writes are accepted again");
            }
        }
        if (diskFailed && now - diskFailedAt > DISK_FAILURE_HOLD_NANOS && !diskLow) {
            diskFailed = false;
        }
        return diskLow || diskFailed;
    }

    private void noteDiskFull(Throwable failure) {
        diskFailedAt = System.nanoTime();
        if (!diskFailed) {
            diskFailed = true;
            LOG.severe(() -> "a write failed because the data disk is full (" + firstLine(failure)
                    + "); writes are refused until space is back");
        }
    }

    private void openCircuit(Throwable failure) {
        circuitOpenedAt = System.nanoTime();
        databaseError = firstLine(failure);
        probing.set(false);
        if (!circuitOpen) {
            circuitOpen = true;
            LOG.severe(() -> "the database cannot be used (" + databaseError + "); requests are answered 503 and"
                    + " the database is tried again every " + settings.databaseRetryAfter().toSeconds() + " s");
        }
    }

    private ServiceUnavailableException diskFull() {
        return new ServiceUnavailableException(ServiceUnavailableException.Reason.DISK_FULL,
                "the data disk is full: nothing was changed; try again when space has been freed",
                settings.databaseRetryAfter().compareTo(Duration.ofSeconds(5)) > 0
                        ? settings.databaseRetryAfter() : Duration.ofSeconds(5));
    }

    private ServiceUnavailableException databaseUnavailable() {
        return new ServiceUnavailableException(ServiceUnavailableException.Reason.DATABASE,
                "the database is unreachable: nothing was changed; try again shortly", settings.databaseRetryAfter());
    }

    /** Usable bytes on the data directory's disk; the file store is looked up once (that reads the mount table). */
    private long usableSpace() {
        FileStore store = dataStore;
        if (store != null) {
            try {
                return store.getUsableSpace();
            } catch (IOException e) {
                dataStore = null; // look it up again below
            }
        }
        Path dir = settings.dataDir();
        if (Files.isDirectory(dir)) {
            try {
                dataStore = Files.getFileStore(dir);
            } catch (IOException e) {
                dataStore = null;
            }
        }
        return usableSpace(dir);
    }

    private static long usableSpace(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Long.MAX_VALUE;
            }
            FileStore store = Files.getFileStore(existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: do not refuse writes for that
        }
    }

    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    /**
     * The data disk for the health check.
     *
     * @param ok            enough space for writes
     * @param path          the data directory watched
     * @param usableBytes   usable space now (-1 if unknown)
     * @param minFreeBytes  the floor (CONF_DISK_MIN_FREE_MB)
     * @param reason        why writes are refused, null when ok
     */
    public record DiskState(boolean ok, String path, long usableBytes, long minFreeBytes, String reason) {
    }
}
