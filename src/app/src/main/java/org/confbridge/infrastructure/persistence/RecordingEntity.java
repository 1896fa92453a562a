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

/** A recording of one invited external participant (issue 6); the WAV file lives in the data dir. */
@Entity
@Table(name = "recordings")
@NamedQuery(name = RecordingEntity.BY_CLIENT,
        query = "SELECT r FROM RecordingEntity r WHERE r.clientId = :clientId ORDER BY r.id")
public class RecordingEntity {

    public static final String BY_CLIENT = "Recording.byClient";

    @Id
    @SequenceGenerator(name = "recordings_seq", sequenceName = "recordings_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recordings_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(name = "extension_id")
    private Long extensionId;

    @Column(nullable = false)
    private String number;

    private String inviter;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "file_path")
    private String filePath;

    @Column(nullable = false)
    private String status;

    private String error;

    protected RecordingEntity() {
    }

    public RecordingEntity(Long clientId, Long extensionId, String number, String inviter, Instant startedAt,
                           String filePath) {
        this.clientId = clientId;
        this.extensionId = extensionId;
        this.number = number;
        this.inviter = inviter;
        this.startedAt = startedAt;
        this.filePath = filePath;
        this.status = "recording";
    }

    public void complete(long durationMs, long sizeBytes) {
        this.durationMs = durationMs;
        this.sizeBytes = sizeBytes;
        this.status = "completed";
    }

    public void fail(String reason) {
        this.status = "failed";
        this.error = reason;
    }

    public Long getId() {
        return id;
    }

    public Long getClientId() {
        return clientId;
    }

    public Long getExtensionId() {
        return extensionId;
    }

    public String getNumber() {
        return number;
    }

    public String getInviter() {
        return inviter;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public String getFilePath() {
        return filePath;
    }

    public String getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }
}
