package org.confbridge.app;

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
 * must be sounds of the same client) and runs each update as read-apply-write under a row lock,
 * with optimistic locking (version column) as the guard and a retry on a concurrent change, so two
 * simultaneous partial PUTs both take effect.
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

    private final ConferencePropertiesCache cache = new ConferencePropertiesCache();
    private int maxMembersCeiling;

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

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConferenceSettings update(ApiCaller caller, long clientId, long extensionId,
                                     ConferenceSettingsPatch patch) {
        for (int attempt = 1; ; attempt++) {
            try {
                ConferenceSettings applied;
                try {
                    applied = store.apply(caller, clientId, extensionId, patch, maxMembersCeiling);
                } finally {
                    cache.invalidate(extensionId); // committed (or failed, perhaps at the commit): read it again
                }
                live.settingsChanged(extensionId, () -> store.load(caller, clientId, extensionId));
                return applied;
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
