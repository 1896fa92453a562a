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

/** A tenant: everything else belongs to one client. */
@Entity
@Table(name = "clients")
@NamedQuery(name = ClientEntity.BY_SIP_DOMAIN,
        query = "SELECT c FROM ClientEntity c WHERE LOWER(c.sipDomain) = :domain")
@NamedQuery(name = ClientEntity.DEFAULT_CLIENT,
        query = "SELECT c FROM ClientEntity c WHERE c.defaultClient = TRUE ORDER BY c.id")
public class ClientEntity {

    public static final String BY_SIP_DOMAIN = "Client.bySipDomain";
    public static final String DEFAULT_CLIENT = "Client.default";

    @Id
    @SequenceGenerator(name = "clients_seq", sequenceName = "clients_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "clients_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "sip_domain")
    private String sipDomain;

    @Column(name = "is_default", nullable = false)
    private boolean defaultClient;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ClientEntity() {
    }

    public ClientEntity(String name, String sipDomain, boolean defaultClient, Instant createdAt) {
        this.name = name;
        this.sipDomain = sipDomain;
        this.defaultClient = defaultClient;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSipDomain() {
        return sipDomain;
    }

    public void setSipDomain(String sipDomain) {
        this.sipDomain = sipDomain;
    }

    public boolean isDefaultClient() {
        return defaultClient;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
