package org.confbridge.app;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.infrastructure.persistence.ClientEntity;

/** Clients (tenants). Any caller sees its own client; administrators create and list all clients. */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class ClientService {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private ConferenceDirectory directory;

    public ClientView get(ApiCaller caller, long clientId) {
        if (!caller.administrator()) {
            caller.requireAccessTo(clientId);
        }
        ClientEntity client = em.find(ClientEntity.class, clientId);
        if (client == null) {
            throw new ResourceNotFoundException("client", clientId);
        }
        return view(client);
    }

    public List<ClientView> list(ApiCaller caller) {
        if (!caller.administrator()) {
            return List.of(get(caller, caller.clientId()));
        }
        return em.createQuery("SELECT c FROM ClientEntity c ORDER BY c.id", ClientEntity.class)
                .getResultList().stream().map(ClientService::view).toList();
    }

    /** Creates a client; {@code sipDomain} (optional) routes calls to that host to it. */
    @WritesData
    public ClientView create(ApiCaller caller, String name, String sipDomain) {
        if (!caller.administrator()) {
            throw new AccessDeniedException("only administrator applications may create clients");
        }
        PlainText.require("name", name);
        String domain = sipDomain == null ? null : sipDomain.toLowerCase(Locale.ROOT);
        if (domain != null && !em.createNamedQuery(ClientEntity.BY_SIP_DOMAIN, ClientEntity.class)
                .setParameter("domain", domain).getResultList().isEmpty()) {
            throw new ResourceConflictException("sip_domain " + domain + " already belongs to another client");
        }
        ClientEntity client = new ClientEntity(name, domain, false, Instant.now());
        directory.changedOnCompletion(); // calls to its domain now reach its extensions
        em.persist(client);
        em.flush();
        return view(client);
    }

    /** Creates the default client: for the first-start bootstrap only. */
    public ClientEntity createDefault() {
        ClientEntity client = new ClientEntity("default", null, true, Instant.now());
        directory.changedOnCompletion();
        em.persist(client);
        em.flush();
        return client;
    }

    private static ClientView view(ClientEntity c) {
        return new ClientView(c.getId(), c.getName(), c.getSipDomain(), c.isDefaultClient());
    }
}
