package org.confbridge.app;

import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.EJB;
import javax.ejb.Stateless;
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
 */
@Stateless
public class ConferencePropertiesService {

    private static final Logger LOG = Logger.getLogger(ConferencePropertiesService.class.getName());
    private static final int MAX_ATTEMPTS = 10;

    @EJB
    private ConferencePropertiesStore store;

    @EJB
    private LiveConferenceQuery live;

    private int maxMembersCeiling;

    @PostConstruct
    void readConfig() {
        maxMembersCeiling = AppConfig.fromEnvironment().maxMembersCeiling();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ConferenceSettings get(ApiCaller caller, long clientId, long extensionId) {
        return store.load(caller, clientId, extensionId);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConferenceSettings update(ApiCaller caller, long clientId, long extensionId,
                                     ConferenceSettingsPatch patch) {
        for (int attempt = 1; ; attempt++) {
            try {
                ConferenceSettings applied = store.apply(caller, clientId, extensionId, patch, maxMembersCeiling);
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
}
