package org.confbridge.app;

import java.time.Instant;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.infrastructure.persistence.ClientEntity;
import org.confbridge.infrastructure.persistence.ConferencePropertiesEntity;
import org.confbridge.infrastructure.persistence.ExtensionEntity;

/** Writes rows straight through JPA so directory tests do not depend on the admin services. */
@Stateless
public class TestData {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    /** The default client made by the first-start bootstrap. */
    public long defaultClientId() {
        return em.createNamedQuery(ClientEntity.DEFAULT_CLIENT, ClientEntity.class).setMaxResults(1)
                .getSingleResult().getId();
    }

    public long client(String name, String sipDomain, boolean isDefault) {
        ClientEntity client = new ClientEntity(name, sipDomain, isDefault, Instant.now());
        em.persist(client);
        em.flush();
        return client.getId();
    }

    public long extension(long clientId, String name, String type, ConferenceSettings settings) {
        ExtensionEntity extension = new ExtensionEntity(clientId, name, type, "label " + name, Instant.now());
        em.persist(extension);
        em.flush();
        if (settings != null) {
            em.persist(new ConferencePropertiesEntity(extension.getId(), settings));
        }
        return extension.getId();
    }
}
