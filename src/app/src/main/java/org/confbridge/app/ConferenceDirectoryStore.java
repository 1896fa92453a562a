package org.confbridge.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.infrastructure.persistence.ClientEntity;
import org.confbridge.infrastructure.persistence.ConferencePropertiesEntity;
import org.confbridge.infrastructure.persistence.ExtensionEntity;

/**
 * The database side of {@link ConferenceDirectory} (which answers from its cache when it can): reads the
 * conference a Request-URI host and number lead to. Not for direct use by adapters.
 *
 * <p>Tenant rule: the client whose {@code sip_domain} equals the Request-URI host (case-insensitive),
 * otherwise the default client (the one the first-start administrator application belongs to).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@Interceptors(DataStoreInterceptor.class) // database down: fails at once (the SIP side answers 503)
public class ConferenceDirectoryStore {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    /**
     * @param requestHost host part of the Request-URI (no port), may be null
     * @return the client whose {@code sip_domain} it is, else the default client; empty when there is none
     */
    public Optional<Long> clientFor(String requestHost) {
        if (requestHost != null && !requestHost.isEmpty()) {
            List<ClientEntity> byDomain = em.createNamedQuery(ClientEntity.BY_SIP_DOMAIN, ClientEntity.class)
                    .setParameter("domain", requestHost.toLowerCase(Locale.ROOT))
                    .getResultList();
            if (!byDomain.isEmpty()) {
                return Optional.of(byDomain.get(0).getId());
            }
        }
        // One default client (ordered by id all the same); no row limit, which would prepare the query anew each time.
        return em.createNamedQuery(ClientEntity.DEFAULT_CLIENT, ClientEntity.class)
                .getResultList().stream().findFirst().map(ClientEntity::getId);
    }

    /**
     * @param number the dialed extension name
     * @return the client's conference extension of that name with its properties, or empty when the number is
     *         unknown or not a conference
     */
    public Optional<ConferenceExtension> conference(long clientId, String number) {
        // One statement for the extension and its properties; read-only (the named query's hint): nothing is
        // registered for changes.
        List<Object[]> rows = em.createNamedQuery(ExtensionEntity.CONFERENCE_BY_CLIENT_AND_NAME, Object[].class)
                .setParameter("clientId", clientId)
                .setParameter("name", number)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ExtensionEntity extension = (ExtensionEntity) rows.get(0)[0];
        ConferencePropertiesEntity properties = (ConferencePropertiesEntity) rows.get(0)[1];
        ConferenceSettings settings = properties == null ? ConferenceSettings.DEFAULTS : properties.toSettings();
        return Optional.of(new ConferenceExtension(extension.getId(), extension.getClientId(), extension.getName(),
                extension.getLabel(), settings));
    }
}
