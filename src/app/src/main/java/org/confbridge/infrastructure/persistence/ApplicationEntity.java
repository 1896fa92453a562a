package org.confbridge.infrastructure.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;

/** OAuth2 client-credentials application; the secret is only ever stored as a bcrypt hash. */
@Entity
@Table(name = "applications")
@NamedQuery(name = ApplicationEntity.BY_OAUTH_CLIENT_ID,
        query = "SELECT a FROM ApplicationEntity a WHERE a.oauthClientId = :oauthClientId")
@NamedQuery(name = ApplicationEntity.BY_CLIENT,
        query = "SELECT a FROM ApplicationEntity a WHERE a.clientId = :clientId ORDER BY a.id")
@NamedQuery(name = ApplicationEntity.COUNT_ALL, query = "SELECT COUNT(a) FROM ApplicationEntity a")
public class ApplicationEntity {

    public static final String BY_OAUTH_CLIENT_ID = "Application.byOauthClientId";
    public static final String BY_CLIENT = "Application.byClient";
    public static final String COUNT_ALL = "Application.countAll";

    @Id
    @SequenceGenerator(name = "applications_seq", sequenceName = "applications_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "applications_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(name = "oauth_client_id", nullable = false, unique = true)
    private String oauthClientId;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean administrator;

    @Column(nullable = false)
    private boolean revoked;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApplicationEntity() {
    }

    public ApplicationEntity(Long clientId, String oauthClientId, String secretHash, String name,
                             boolean administrator, Instant createdAt) {
        this.clientId = clientId;
        this.oauthClientId = oauthClientId;
        this.secretHash = secretHash;
        this.name = name;
        this.administrator = administrator;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getClientId() {
        return clientId;
    }

    public String getOauthClientId() {
        return oauthClientId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getName() {
        return name;
    }

    public boolean isAdministrator() {
        return administrator;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public void revoke() {
        this.revoked = true;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
