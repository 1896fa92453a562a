package org.confbridge.infrastructure.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.QueryHint;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

/** A dialable extension of a client; {@code type} is "conference" or "phone". */
@Entity
@Table(name = "extensions")
@NamedQuery(name = ExtensionEntity.BY_CLIENT_AND_NAME,
        query = "SELECT e FROM ExtensionEntity e WHERE e.clientId = :clientId AND e.name = :name")
@NamedQuery(name = ExtensionEntity.CONFERENCE_BY_CLIENT_AND_NAME,
        query = "SELECT e, p FROM ExtensionEntity e LEFT JOIN ConferencePropertiesEntity p ON p.extensionId = e.id"
                + " WHERE e.clientId = :clientId AND e.name = :name AND e.type = 'conference'",
        // read-only (nothing registered for changes), set here: the same hint set on each query made EclipseLink
        // copy the shared query and prepare its SQL again for every new conference's first caller
        hints = @QueryHint(name = QueryHints.READ_ONLY, value = HintValues.TRUE))
@NamedQuery(name = ExtensionEntity.BY_CLIENT,
        query = "SELECT e FROM ExtensionEntity e WHERE e.clientId = :clientId ORDER BY e.id")
public class ExtensionEntity {

    public static final String BY_CLIENT_AND_NAME = "Extension.byClientAndName";
    public static final String BY_CLIENT = "Extension.byClient";
    /** A client's conference extension by name, with its properties row (null when it has none), in one read. */
    public static final String CONFERENCE_BY_CLIENT_AND_NAME = "Extension.conferenceByClientAndName";

    @Id
    @SequenceGenerator(name = "extensions_seq", sequenceName = "extensions_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "extensions_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(nullable = false, length = 32)
    private String name;

    @Column(nullable = false, length = 16)
    private String type;

    private String label;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ExtensionEntity() {
    }

    public ExtensionEntity(Long clientId, String name, String type, String label, Instant createdAt) {
        this.clientId = clientId;
        this.name = name;
        this.type = type;
        this.label = label;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getClientId() {
        return clientId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
