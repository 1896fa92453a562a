package org.confbridge.app.cluster;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.confbridge.app.AuthenticationCache;
import org.confbridge.app.config.Settings;
import org.confbridge.app.live.LiveConferences;

/**
 * This node's part in the cluster: claims conferences for new callers (or names their owner), heartbeats
 * that keep its claims alive, releases claims when conferences end, draining, the cluster view for the
 * health check, and the cross-node revocation check of API tokens. Off by default: then every call is
 * served here and nothing touches the cluster tables.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigrator", "LiveConferences"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
public class ClusterService {

    private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());
    /** Revocations made on other nodes reach this node's token cache within this (plus BearerAuthFilter's half second): under 1 s. */
    private static final long REVOCATION_POLL_MS = 250;

    @Resource(name = "jdbc/confbridge")
    private DataSource database;

    @EJB
    private LiveConferences live;

    @EJB
    private AuthenticationCache tokens;

    private final Clock clock = Clock.systemUTC();
    private ClusterSettings settings;
    private ClusterStore store;
    private ScheduledExecutorService timer;
    private AutoCloseable endedConferences;
    private volatile boolean draining;
    private volatile boolean registered;
    private volatile boolean stopping;
    private volatile Set<Long> revoked = Set.of();
    /** Extensions whose conference runs here (from the conference events): their claims are kept alive. */
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        settings = ClusterSettings.from(Settings.current());
        if (!settings.enabled()) {
            return;
        }
        store = new ClusterStore(database);
        store.register(settings, clock.millis());
        registered = true;
        revoked = store.revokedApplications();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long beat = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::evictRevokedTokens, REVOCATION_POLL_MS, REVOCATION_POLL_MS,
                TimeUnit.MILLISECONDS);
        endedConferences = live.events().subscribe(event -> {
            if ("conference.started".equals(event.type())) {
                runningHere.add(event.extensionId());
            } else if ("conference.ended".equals(event.type())) {
                long extensionId = event.extensionId();
                runningHere.remove(extensionId);
                timer.execute(() -> release(extensionId)); // no database on the event thread
            }
        });
        LOG.info(() -> "cluster node " + settings.nodeId() + ": SIP " + settings.sipAddress() + ", HTTP "
                + settings.httpAddress() + ", lease " + settings.lease().toMillis() + " ms");
    }

    @PreDestroy
    void stop() {
        if (!settings.enabled()) {
            return;
        }
        try {
            endedConferences.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribing from conference events", e);
        }
        timer.shutdownNow();
        try {
            store.leave(settings.nodeId());
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not leave the cluster cleanly (its claims expire by themselves): " + e.getMessage());
        }
    }

    public ClusterSettings settings() {
        return settings;
    }

    /**
     * Where a new caller of the conference goes. Not clustered: here. Running here: here (the claim is
     * renewed). Otherwise this node claims it, or names the live node that owns it; a draining node starts
     * nothing. Throws when the shared database does not answer (the caller answers 503).
     */
    public CallRoute routeCall(long extensionId) {
        if (!settings.enabled()) {
            return CallRoute.LOCAL;
        }
        if (live.isLive(extensionId)) {
            return CallRoute.LOCAL; // its claim is ours and kept alive by the heartbeat: no database round trip
        }
        long now = clock.millis();
        if (draining) {
            return store.liveOwner(extensionId, settings.nodeId(), now)
                    .filter(owner -> !owner.mine())
                    .map(owner -> CallRoute.redirectTo(owner.ownerSipAddress()))
                    .orElse(CallRoute.REFUSE);
        }
        ClusterStore.Claim claim = store.claim(extensionId, settings.nodeId(), now, now + settings.lease().toMillis());
        if (claim.mine()) {
            return CallRoute.LOCAL;
        }
        if (claim.ownerSipAddress() == null) {
            return CallRoute.REFUSE; // owner row without its node (removed meanwhile): let the balancer retry
        }
        return CallRoute.redirectTo(claim.ownerSipAddress());
    }

    /**
     * The HTTP address of the live node that runs this conference, when it is another node (REST live
     * actions are carried out there); empty when it runs here, nowhere, or the node is not clustered.
     */
    public Optional<String> remoteOwner(long extensionId) {
        if (!settings.enabled() || live.isLive(extensionId)) {
            return Optional.empty();
        }
        return store.liveOwner(extensionId, settings.nodeId(), clock.millis())
                .filter(owner -> !owner.mine())
                .map(ClusterStore.Claim::ownerHttpAddress);
    }

    /** No new conferences here from now on; the node stops by itself once its conferences are over. */
    public void drain() {
        if (!settings.enabled()) {
            throw new IllegalStateException("this server is not part of a cluster (CONF_CLUSTER_ENABLED)");
        }
        draining = true;
        store.setDraining(settings.nodeId(), true);
        LOG.info(() -> "node " + settings.nodeId() + " draining: no new conferences; " + live.callCount()
                + " call(s) still here");
    }

    public boolean isDraining() {
        return draining;
    }

    /** The nodes of the cluster as the shared database knows them (empty when not clustered). */
    public List<ClusterNode> nodes() {
        if (!settings.enabled()) {
            return List.of();
        }
        return store.nodes(clock.millis(), settings.lease().toMillis());
    }

    private void heartbeat() {
        try {
            long now = clock.millis();
            long leaseUntil = now + settings.lease().toMillis();
            int renewed = store.heartbeat(settings.nodeId(), now, leaseUntil);
            if (renewed < 0) {
                LOG.warning("this node's cluster entry was gone: registering again");
                store.register(settings, now);
                if (draining) {
                    store.setDraining(settings.nodeId(), true);
                }
            }
            if (renewed < runningHere.size()) {
                reclaimRunning(now, leaseUntil);
            }
            if (!registered) {
                registered = true;
                LOG.info("cluster database reachable again: heartbeats resumed");
            }
        } catch (RuntimeException e) {
            if (registered) {
                LOG.warning(() -> "cluster heartbeat failed (claims expire unless it comes back): " + e.getMessage());
            }
            registered = false;
        }
        if (draining && live.callCount() == 0 && !stopping) {
            stopping = true;
            LOG.info(() -> "node " + settings.nodeId() + " drained: no calls left, stopping");
            Thread exit = new Thread(() -> System.exit(0), "cluster-drained-exit");
            exit.start(); // System.exit runs the shutdown hooks, which stop this bean: not on its own timer
        }
    }

    /**
     * A conference runs here without a claim: it started again right as its previous claim was released, or
     * our claims were lost (cluster entry removed, database away for longer than a lease). Claim it again;
     * when another node took it meanwhile, say so (its callers are split until one of the two ends).
     */
    private void reclaimRunning(long now, long leaseUntil) {
        for (Long extensionId : runningHere) {
            ClusterStore.Claim claim = store.claim(extensionId, settings.nodeId(), now, leaseUntil);
            if (!claim.mine() && live.isLive(extensionId)) {
                LOG.warning(() -> "conference " + extensionId + " runs here but " + claim.ownerNodeId()
                        + " owns it: its callers are split between two nodes until one of them ends");
            }
        }
    }

    private void release(long extensionId) {
        if (runningHere.contains(extensionId)) {
            return; // a new conference of that extension started here meanwhile (its event came): it keeps the claim
        }
        try {
            store.release(extensionId, settings.nodeId());
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not release conference " + extensionId + " (its lease is renewed until the"
                    + " next caller takes it here): " + e.getMessage());
        }
    }

    /** A token revoked on another node must not stay valid here: evict applications newly revoked. */
    private void evictRevokedTokens() {
        try {
            Set<Long> now = store.revokedApplications();
            for (Long id : now) {
                if (!revoked.contains(id)) {
                    tokens.evictApplication(id);
                }
            }
            revoked = now;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "revocation check failed", e);
        }
    }
}
