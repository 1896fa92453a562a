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

/** One participant of a finished conference. */
@Entity
@Table(name = "conference_record_participants")
@NamedQuery(name = ConferenceRecordParticipantEntity.OF_RECORDS,
        query = "SELECT p FROM ConferenceRecordParticipantEntity p WHERE p.recordId IN :recordIds ORDER BY p.id")
public class ConferenceRecordParticipantEntity {

    public static final String OF_RECORDS = "ConferenceRecordParticipant.ofRecords";

    @Id
    @SequenceGenerator(name = "conference_record_participants_seq",
            sequenceName = "conference_record_participants_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conference_record_participants_seq")
    private Long id;

    @Column(name = "record_id", nullable = false)
    private Long recordId;

    @Column(name = "participant_id", nullable = false)
    private String participantId;

    private String number;

    private String name;

    private String role;

    private String origin;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    private String reason;

    @Column(name = "talking_ms", nullable = false)
    private long talkingMs;

    protected ConferenceRecordParticipantEntity() {
    }

    public ConferenceRecordParticipantEntity(Long recordId, String participantId, String number, String name, String role,
                                             String origin, Instant joinedAt, Instant leftAt, String reason,
                                             long talkingMs) {
        this.recordId = recordId;
        this.participantId = participantId;
        this.number = number;
        this.name = name;
        this.role = role;
        this.origin = origin;
        this.joinedAt = joinedAt;
        this.leftAt = leftAt;
        this.reason = reason;
        this.talkingMs = talkingMs;
    }

    public Long getRecordId() {
        return recordId;
    }

    public String getParticipantId() {
        return participantId;
    }

    public String getNumber() {
        return number;
    }

    public String getName() {
        return name;
    }

    public String getRole() {
        return role;
    }

    public String getOrigin() {
        return origin;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Instant getLeftAt() {
        return leftAt;
    }

    public String getReason() {
        return reason;
    }

    public long getTalkingMs() {
        return talkingMs;
    }
}
