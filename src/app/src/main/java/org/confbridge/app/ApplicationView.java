package org.confbridge.app;

import java.time.Instant;

/**
 * An API application as shown to administrators; {@code clientSecret} is only present in the
 * answer to its creation (it is stored hashed and cannot be shown again).
 */
public record ApplicationView(long id, long ownerClientId, String clientId, String clientSecret, String name,
                              boolean administrator, boolean revoked, Instant createdAt) {
}
