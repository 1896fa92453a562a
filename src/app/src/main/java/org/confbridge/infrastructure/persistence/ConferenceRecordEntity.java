package org.confbridge.infrastructure.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;

/** A finished conference (issue 12): when it ran, how many were in it at most, and who. */
@Entity
@Table(name = "conference_records")
public class ConferenceRecordEntity {

    @Id
    @SequenceGenerator(name = "conference_records_seq", sequenceName = "conference_records_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conference_records_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(name = "extension_id")
    private Long extensionId;

    @Column(name = "conference_id", nullable = false)
    private String conferenceId;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at", nullable = false)
    private Instant endedAt;

    @Column(name = "peak_participants", nullable = false)
    private int peakParticipants;

    protected ConferenceRecordEntity() {
    }

    public ConferenceRecordEntity(Long clientId, Long extensionId, String conferenceId, Instant startedAt,
                                  Instant endedAt, int peakParticipants) {
        this.clientId = clientId;
        this.extensionId = extensionId;
        this.conferenceId = conferenceId;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.peakParticipants = peakParticipants;
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

    public String getConferenceId() {
        return conferenceId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public int getPeakParticipants() {
        return peakParticipants;
    }
}
