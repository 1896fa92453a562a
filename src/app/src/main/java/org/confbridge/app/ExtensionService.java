package org.confbridge.app;

import java.time.Instant;
import java.util.List;
import javax.annotation.Resource;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.persistence.PersistenceException;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.infrastructure.persistence.ConferencePropertiesEntity;
import org.confbridge.infrastructure.persistence.DatabaseErrors;
import org.confbridge.infrastructure.persistence.ExtensionEntity;

/**
 * Extensions of a client. Field syntax (digits, allowed types, lengths) is checked by the REST
 * layer's Bean Validation; this service enforces what needs the database: uniqueness of the number
 * per client (409), and that a conference with people in it is not deleted or turned into a phone
 * extension (409: the operator ends the calls first, nobody is cut off by a configuration change).
 * Two requests racing for one number: the database's unique key decides, the loser gets 409.
 */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class ExtensionService {

    public static final String CONFERENCE = "conference";
    public static final String PHONE = "phone";

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private LiveConferenceQuery live;

    @EJB
    private ConferencePropertiesService properties;

    @EJB
    private ConferenceDirectory directory;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public List<ExtensionView> list(ApiCaller caller, long clientId) {
        caller.requireAccessTo(clientId);
        return em.createNamedQuery(ExtensionEntity.BY_CLIENT, ExtensionEntity.class)
                .setParameter("clientId", clientId)
                .getResultList().stream().map(ExtensionService::view).toList();
    }

    public ExtensionView get(ApiCaller caller, long clientId, long extensionId) {
        return view(find(caller, clientId, extensionId));
    }

    @WritesData
    public ExtensionView create(ApiCaller caller, long clientId, String name, String type, String label) {
        caller.requireAccessTo(clientId);
        PlainText.require("label", label);
        requireUniqueName(clientId, name, null);
        ExtensionEntity entity = new ExtensionEntity(clientId, name, type, label, Instant.now());
        directory.changedOnCompletion(); // the number may have been dialled (and found unknown) just before
        em.persist(entity);
        flushUnique(name);
        if (CONFERENCE.equals(type)) {
            em.persist(new ConferencePropertiesEntity(entity.getId(), ConferenceSettings.DEFAULTS));
        }
        return view(entity);
    }

    /** Changes the fields given (null = leave as is; label may be cleared with an empty string). */
    @WritesData
    public ExtensionView update(ApiCaller caller, long clientId, long extensionId, String name, String type,
                                String label) {
        PlainText.require("label", label);
        ExtensionEntity entity = find(caller, clientId, extensionId);
        directory.changedOnCompletion();
        if (name != null && !name.equals(entity.getName())) {
            requireUniqueName(clientId, name, extensionId);
            entity.setName(name);
        }
        if (type != null && !type.equals(entity.getType())) {
            forgetPropertiesOnCommit(extensionId);
            if (CONFERENCE.equals(entity.getType())) {
                requireNotLive(extensionId, "changed to a phone extension");
                ConferencePropertiesEntity props = em.find(ConferencePropertiesEntity.class, extensionId);
                if (props != null) {
                    em.remove(props);
                }
            } else {
                em.persist(new ConferencePropertiesEntity(extensionId, ConferenceSettings.DEFAULTS));
            }
            entity.setType(type);
        }
        if (label != null) {
            entity.setLabel(label.isEmpty() ? null : label);
        }
        flushUnique(entity.getName());
        return view(entity);
    }

    @WritesData
    public void delete(ApiCaller caller, long clientId, long extensionId) {
        ExtensionEntity entity = find(caller, clientId, extensionId);
        directory.changedOnCompletion();
        if (CONFERENCE.equals(entity.getType())) {
            requireNotLive(extensionId, "deleted");
            forgetPropertiesOnCommit(extensionId);
        }
        em.remove(entity); // the conference_properties row goes with it (ON DELETE CASCADE)
    }

    private ExtensionEntity find(ApiCaller caller, long clientId, long extensionId) {
        caller.requireAccessTo(clientId);
        ExtensionEntity entity = em.find(ExtensionEntity.class, extensionId);
        if (entity == null || entity.getClientId() != clientId) {
            throw new ResourceNotFoundException("extension", extensionId);
        }
        return entity;
    }

    /**
     * The conference properties cached for GETs must not outlive this change: forgotten once it is visible (a
     * read between now and the commit still sees the old row and may cache it again).
     */
    private void forgetPropertiesOnCommit(long extensionId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                properties.forget(extensionId);
            }
        });
    }

    private void requireNotLive(long extensionId, String what) {
        if (live.isLive(extensionId)) {
            throw new ResourceConflictException("the conference has participants right now and cannot be " + what
                    + "; try again when it is empty");
        }
    }

    /** Writes now; a clash on the (client, name) unique key (a concurrent request won) is a 409. */
    private void flushUnique(String name) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (DatabaseErrors.isUniqueViolation(e)) {
                throw new ResourceConflictException("an extension named " + name + " already exists");
            }
            throw e;
        }
    }

    private void requireUniqueName(long clientId, String name, Long exceptId) {
        boolean taken = em.createNamedQuery(ExtensionEntity.BY_CLIENT_AND_NAME, ExtensionEntity.class)
                .setParameter("clientId", clientId)
                .setParameter("name", name)
                .getResultList().stream().anyMatch(e -> !e.getId().equals(exceptId));
        if (taken) {
            throw new ResourceConflictException("an extension named " + name + " already exists");
        }
    }

    private static ExtensionView view(ExtensionEntity e) {
        return new ExtensionView(e.getId(), e.getClientId(), e.getName(), e.getType(), e.getLabel());
    }
}
