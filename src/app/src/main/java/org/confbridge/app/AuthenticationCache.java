package org.confbridge.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;

/**
 * Remembers recently checked bearer tokens for a few seconds so that a busy API client does not
 * cost a database round trip per request. Revocation on this node evicts at once; a revocation
 * made on another node of a cluster is seen here within {@link #FRESHNESS}. Keys are token hashes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // a ConcurrentHashMap needs no container lock
public class AuthenticationCache {

    static final Duration FRESHNESS = Duration.ofSeconds(15);
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The cached caller, if the token was checked recently and has not expired since. */
    public Optional<ApiCaller> lookup(String tokenHash, Instant now) {
        Entry e = entries.get(tokenHash);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.freshUntil) || !now.isBefore(e.expiresAt)) {
            entries.remove(tokenHash, e);
            return Optional.empty();
        }
        return Optional.of(e.caller);
    }

    public void remember(String tokenHash, ApiCaller caller, Instant expiresAt, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: the next requests simply go to the database
        }
        entries.put(tokenHash, new Entry(caller, expiresAt, now.plus(FRESHNESS)));
    }

    /**
     * Forgets one token at once (it was revoked, or another node says it is no longer valid): the next check
     * of it reads the database. The key is the token's hash ({@link SecretHasher#sha256(String)}).
     */
    public void invalidateToken(String tokenHash) {
        entries.remove(tokenHash);
    }

    /** Forgets every token of an application (it was revoked). */
    public void evictApplication(long applicationId) {
        entries.values().removeIf(e -> e.caller.applicationId() == applicationId);
    }

    private record Entry(ApiCaller caller, Instant expiresAt, Instant freshUntil) {
    }
}
