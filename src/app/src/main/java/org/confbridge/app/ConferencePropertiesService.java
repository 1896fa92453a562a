package org.confbridge.app;

import java.util.List;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * The eight properties of a conference extension. The rules are the domain's
 * ({@link ConferenceSettings#violations(int)}); this service adds what needs the database (sound ids
 * must be sounds of the same client) and runs each update as read-apply-write, one batch of a conference's
 * PUTs at a time on this node ({@link #update}), with optimistic locking (version column) as the guard
 * against other nodes and a retry on a concurrent change, so simultaneous partial PUTs all take effect.
 * New values reach a running conference at once (after the commit), and the next caller.
 *
 * <p>A singleton (no container lock) so that the {@link ConferencePropertiesCache} it holds answers a GET in
 * one EJB call without the database; see the cache for how long another node's change may take to show.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConferencePropertiesService {

    private static final Logger LOG = Logger.getLogger(ConferencePropertiesService.class.getName());
    private static final int MAX_ATTEMPTS = 10;

    @EJB
    private ConferencePropertiesStore store;

    @EJB
    private LiveConferenceQuery live;

    @EJB
    private ConferenceDirectory directory;

    private final ConferencePropertiesCache cache = new ConferencePropertiesCache();
    private final WriteCombiner<Conference, ConferenceSettingsPatch, ConferencePropertiesStore.Outcome> writes =
            new WriteCombiner<>();
    private int maxMembersCeiling;

    /** The key writes are combined by: one conference as addressed by the request (client checked by the store). */
    private record Conference(long clientId, long extensionId) {
    }

    @PostConstruct
    void readConfig() {
        maxMembersCeiling = AppConfig.fromEnvironment().maxMembersCeiling();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ConferenceSettings get(ApiCaller caller, long clientId, long extensionId) {
        caller.requireAccessTo(clientId);
        ConferencePropertiesCache.Cached cached = cache.fresh(extensionId, System.nanoTime()).orElse(null);
        if (cached != null) {
            if (cached.clientId() != clientId) {
                throw new ResourceNotFoundException("conference extension", extensionId);
            }
            return cached.settings();
        }
        long stamp = cache.readStamp();
        ConferenceSettings settings = store.load(caller, clientId, extensionId);
        cache.offer(extensionId, new ConferencePropertiesCache.Cached(clientId, settings), stamp, System.nanoTime());
        return settings;
    }

    /**
     * Applies the patch. PUTs of one conference that arrive while one of them is being written wait and are
     * then written together, in arrival order, in one transaction ({@link WriteCombiner}): each answer is the
     * properties right after its own patch, the last one's are what the database and a running conference end
     * with, and none is lost.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConferenceSettings update(ApiCaller caller, long clientId, long extensionId,
                                     ConferenceSettingsPatch patch) {
        caller.requireAccessTo(clientId);
        ConferencePropertiesStore.Outcome outcome = writes.submit(new Conference(clientId, extensionId), patch,
                patches -> write(caller, clientId, extensionId, patches));
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.applied();
    }

    private List<ConferencePropertiesStore.Outcome> write(ApiCaller caller, long clientId, long extensionId,
                                                          List<ConferenceSettingsPatch> patches) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<ConferencePropertiesStore.Outcome> outcomes;
                try {
                    outcomes = store.applyAll(caller, clientId, extensionId, patches, maxMembersCeiling);
                } finally {
                    cache.invalidate(extensionId); // committed (or failed, perhaps at the commit): read it again
                    directory.changed(); // the next caller gets the new PIN, limits, sounds
                }
                live.settingsChanged(extensionId, () -> store.load(caller, clientId, extensionId));
                return outcomes;
            } catch (ConcurrentChangeException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new ResourceConflictException("the conference properties are being changed by too many"
                            + " requests at once; try again");
                }
                LOG.fine(() -> "concurrent change of conference " + extensionId + ", retrying");
            }
        }
    }

    /**
     * The extension was changed or removed by another service (e.g. turned into a phone extension): its cached
     * properties must not answer any more. Call after the change committed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void forget(long extensionId) {
        cache.invalidate(extensionId);
    }
}
