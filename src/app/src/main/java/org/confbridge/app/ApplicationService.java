package org.confbridge.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.infrastructure.persistence.AccessTokenEntity;
import org.confbridge.infrastructure.persistence.ApplicationEntity;
import org.confbridge.infrastructure.persistence.ClientEntity;

/**
 * API applications (credentials) of a client: list, create, revoke. A client manages its own
 * applications; administrator applications may manage those of any client.
 */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class ApplicationService {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private AuthenticationCache authenticationCache;

    private final SecretHasher hasher = new SecretHasher();

    public List<ApplicationView> list(ApiCaller caller, long clientId) {
        requireClient(caller, clientId);
        return em.createNamedQuery(ApplicationEntity.BY_CLIENT, ApplicationEntity.class)
                .setParameter("clientId", clientId)
                .getResultList().stream().map(a -> view(a, null)).toList();
    }

    public ApplicationView get(ApiCaller caller, long clientId, long applicationId) {
        return view(find(caller, clientId, applicationId), null);
    }

    /** Creates an application with a generated client_id and secret; the secret is returned only now. */
    @WritesData
    public ApplicationView create(ApiCaller caller, long clientId, String name, boolean administrator) {
        requireClient(caller, clientId);
        PlainText.require("name", name);
        if (administrator && !caller.administrator()) {
            throw new AccessDeniedException("only administrator applications may create administrator applications");
        }
        String oauthClientId = "app-" + UUID.randomUUID();
        String secret = hasher.randomToken();
        ApplicationEntity entity = new ApplicationEntity(clientId, oauthClientId, hasher.hashSecret(secret), name,
                administrator, Instant.now());
        em.persist(entity);
        em.flush();
        return view(entity, secret);
    }

    /** Creates an application with given credentials: for the first-start bootstrap only. */
    public ApplicationEntity createWithCredentials(long clientId, String oauthClientId, String secret, String name,
                                            boolean administrator) {
        if (secret.getBytes(StandardCharsets.UTF_8).length > SecretHasher.MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret must be at most " + SecretHasher.MAX_SECRET_BYTES
                    + " bytes (bcrypt ignores the rest)");
        }
        ApplicationEntity entity = new ApplicationEntity(clientId, oauthClientId, hasher.hashSecret(secret), name,
                administrator, Instant.now());
        em.persist(entity);
        return entity;
    }

    /** Revokes the application and drops its tokens at once. The last active administrator stays. */
    @WritesData
    public ApplicationView revoke(ApiCaller caller, long clientId, long applicationId) {
        ApplicationEntity entity = find(caller, clientId, applicationId);
        if (entity.isAdministrator() && !entity.isRevoked() && activeAdministrators() <= 1) {
            throw new ResourceConflictException(
                    "this is the last active administrator application; create another one before revoking it");
        }
        entity.revoke();
        em.createNamedQuery(AccessTokenEntity.DELETE_FOR_APPLICATION)
                .setParameter("applicationId", applicationId).executeUpdate();
        authenticationCache.evictApplication(applicationId);
        return view(entity, null);
    }

    private long activeAdministrators() {
        return em.createQuery("SELECT COUNT(a) FROM ApplicationEntity a WHERE a.administrator = TRUE"
                + " AND a.revoked = FALSE", Long.class).getSingleResult();
    }

    private ApplicationEntity find(ApiCaller caller, long clientId, long applicationId) {
        requireClient(caller, clientId);
        ApplicationEntity entity = em.find(ApplicationEntity.class, applicationId);
        if (entity == null || entity.getClientId() != clientId) {
            throw new ResourceNotFoundException("application", applicationId);
        }
        return entity;
    }

    private void requireClient(ApiCaller caller, long clientId) {
        if (!caller.administrator()) {
            caller.requireAccessTo(clientId);
        } else if (em.find(ClientEntity.class, clientId) == null) {
            throw new ResourceNotFoundException("client", clientId);
        }
    }

    private static ApplicationView view(ApplicationEntity a, String secret) {
        return new ApplicationView(a.getId(), a.getClientId(), a.getOauthClientId(), secret, a.getName(),
                a.isAdministrator(), a.isRevoked(), a.getCreatedAt());
    }
}
