package org.confbridge.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.annotation.PostConstruct;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.infrastructure.persistence.AccessTokenEntity;
import org.confbridge.infrastructure.persistence.ApplicationEntity;

/** OAuth2 client credentials grant (RFC 6749 section 4.4) and bearer token checks (RFC 6750). */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class TokenService {

    /** Longer client_ids cannot exist (column width): not looked up. */
    private static final int MAX_CLIENT_ID_LENGTH = 100;

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private AuthenticationCache cache;

    private final SecretHasher hasher = new SecretHasher();
    private final Clock clock = Clock.systemUTC();
    private AppConfig config;

    @PostConstruct
    void readConfig() {
        config = AppConfig.fromEnvironment();
    }

    /**
     * Checks the application's credentials and issues a new bearer token. Unknown client, wrong or
     * over-long secret and revoked application all fail the same way, in the same time. Not refused
     * up front on a low disk (a token row is tiny; a failed write still answers 507).
     */
    public IssuedToken issue(String oauthClientId, String clientSecret) {
        if (oauthClientId == null || clientSecret == null) {
            throw new InvalidCredentialsException();
        }
        ApplicationEntity application = oauthClientId.length() > MAX_CLIENT_ID_LENGTH ? null
                : em.createNamedQuery(ApplicationEntity.BY_OAUTH_CLIENT_ID, ApplicationEntity.class)
                        .setParameter("oauthClientId", oauthClientId)
                        .getResultList().stream().findFirst().orElse(null);
        // One bcrypt check whatever happens (unknown id, revoked, over-long secret): no timing oracle.
        boolean matches = hasher.secretMatches(clientSecret, application == null ? null : application.getSecretHash());
        if (application == null || application.isRevoked() || !matches) {
            throw new InvalidCredentialsException();
        }
        Instant now = clock.instant();
        // Expired tokens are swept here, where a write happens anyway, instead of by a timer.
        em.createNamedQuery(AccessTokenEntity.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        String token = hasher.randomToken();
        em.persist(new AccessTokenEntity(SecretHasher.sha256(token), application.getId(),
                now.plus(config.tokenLifetime())));
        return new IssuedToken(token, config.tokenLifetime());
    }

    /**
     * The caller a bearer token stands for, or empty when it is unknown, expired or revoked.
     * Read-only, so no transaction; recent answers come from {@link AuthenticationCache}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ApiCaller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretHasher.sha256(bearerToken);
        Instant now = clock.instant();
        Optional<ApiCaller> cached = cache.lookup(hash, now);
        if (cached.isPresent()) {
            return cached;
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT a.id, a.clientId, a.administrator, t.expiresAt, a.revoked"
                                + " FROM AccessTokenEntity t, ApplicationEntity a"
                                + " WHERE t.tokenHash = :hash AND a.id = t.applicationId", Object[].class)
                .setParameter("hash", hash)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Instant expiresAt = (Instant) row[3];
        if ((Boolean) row[4] || !expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        ApiCaller caller = new ApiCaller((Long) row[0], (Long) row[1], (Boolean) row[2]);
        cache.remember(hash, caller, expiresAt, now);
        return Optional.of(caller);
    }
}
