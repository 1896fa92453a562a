package org.confbridge.app;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;

/**
 * Finds the conference a SIP INVITE is meant for: the extension the Request-URI's number names, of the client
 * whose {@code sip_domain} equals its host (case-insensitive), otherwise of the default client.
 *
 * <p>Answers from a {@link ConferenceDirectoryCache} when it read the same host, and the same client's number,
 * less than a second ago and nothing was written since on this node (the services that write clients,
 * extensions and conference properties call {@link #changed()} after their commit); otherwise reads the
 * database ({@link ConferenceDirectoryStore}). While the database is known to be down, nothing is answered from the
 * cache: the read fails at once and the SIP side answers 503, as without the cache. A singleton without a
 * container lock: the cache is thread-safe.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@LocalBean
public class ConferenceDirectory {

    @EJB
    private ConferenceDirectoryStore store;

    @EJB
    private DataStoreGuard guard;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private final ConferenceDirectoryCache cache = new ConferenceDirectoryCache();
    private BooleanSupplier databaseDown;

    @PostConstruct
    void start() {
        databaseDown = guard.databaseDownCheck();
    }

    /**
     * @param requestHost host part of the Request-URI (no port), may be null
     * @param number      user part of the Request-URI, the dialed extension name
     * @return the conference extension, or empty when the number is unknown or not a conference
     */
    public Optional<ConferenceExtension> findConference(String requestHost, String number) {
        if (number == null || number.isEmpty()) {
            return Optional.empty();
        }
        boolean cached = !databaseDown.getAsBoolean();
        long stamp = cache.readStamp();
        Optional<Long> client = cached ? cache.client(requestHost, System.nanoTime()) : null;
        if (client == null) {
            client = store.clientFor(requestHost);
            cache.offerClient(requestHost, client, stamp, System.nanoTime());
        }
        if (client.isEmpty()) {
            return Optional.empty();
        }
        long clientId = client.get();
        Optional<ConferenceExtension> conference = cached ? cache.conference(clientId, number, System.nanoTime()) : null;
        if (conference == null) {
            conference = store.conference(clientId, number);
            cache.offerConference(clientId, number, conference, stamp, System.nanoTime());
        }
        return conference;
    }

    /** A client, an extension or conference properties changed (call after the commit, or after a failure). */
    public void changed() {
        cache.invalidateAll();
    }

    /**
     * The same, from inside the transaction that writes the change: the cache forgets once it has committed (or
     * rolled back), so that no caller is answered from what was read before the change became visible.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void changedOnCompletion() {
        if (transactions.getTransactionKey() == null) {
            changed();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidateAll();
            }
        });
    }
}
