package org.confbridge.infrastructure.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** An issued bearer token, keyed by the SHA-256 of the token (the token itself is never stored). */
@Entity
@Table(name = "access_tokens")
@NamedQuery(name = AccessTokenEntity.DELETE_EXPIRED,
        query = "DELETE FROM AccessTokenEntity t WHERE t.expiresAt < :now")
@NamedQuery(name = AccessTokenEntity.DELETE_FOR_APPLICATION,
        query = "DELETE FROM AccessTokenEntity t WHERE t.applicationId = :applicationId")
public class AccessTokenEntity {

    public static final String DELETE_EXPIRED = "AccessToken.deleteExpired";
    public static final String DELETE_FOR_APPLICATION = "AccessToken.deleteForApplication";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "application_id", nullable = false)
    private Long applicationId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected AccessTokenEntity() {
    }

    public AccessTokenEntity(String tokenHash, Long applicationId, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.applicationId = applicationId;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
