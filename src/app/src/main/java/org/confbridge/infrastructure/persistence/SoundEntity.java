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
import javax.persistence.Version;

/** Metadata of an uploaded sound; the bytes are in {@link SoundAudioEntity}. */
@Entity
@Table(name = "sounds")
@NamedQuery(name = SoundEntity.BY_CLIENT,
        query = "SELECT s FROM SoundEntity s WHERE s.clientId = :clientId ORDER BY s.id")
public class SoundEntity {

    public static final String BY_CLIENT = "Sound.byClient";

    @Id
    @SequenceGenerator(name = "sounds_seq", sequenceName = "sounds_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sounds_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(nullable = false)
    private String title;

    @Column(name = "original_filename")
    private String originalFilename;

    @Column(name = "original_format", nullable = false)
    private String originalFormat;

    @Column(name = "original_size", nullable = false)
    private long originalSize;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected SoundEntity() {
    }

    public SoundEntity(Long clientId, String title, Instant createdAt) {
        this.clientId = clientId;
        this.title = title;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Records what the last upload was. */
    public void describeAudio(String originalFilename, String originalFormat, long originalSize, long durationMs,
                              Instant when) {
        this.originalFilename = originalFilename;
        this.originalFormat = originalFormat;
        this.originalSize = originalSize;
        this.durationMs = durationMs;
        this.updatedAt = when;
    }

    public Long getId() {
        return id;
    }

    public Long getClientId() {
        return clientId;
    }

    public String getTitle() {
        return title;
    }

    public void rename(String newTitle, Instant when) {
        this.title = newTitle;
        this.updatedAt = when;
    }

    public String getOriginalFilename() {
        return originalFilename;
    }

    public String getOriginalFormat() {
        return originalFormat;
    }

    public long getOriginalSize() {
        return originalSize;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
