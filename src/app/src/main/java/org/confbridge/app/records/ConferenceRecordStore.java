package org.confbridge.app.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.persistence.TypedQuery;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.InvalidInputException;
import org.confbridge.infrastructure.persistence.ConferenceRecordEntity;
import org.confbridge.infrastructure.persistence.ConferenceRecordParticipantEntity;

/** Call records in the database: written when a conference ends, read by the API (the caller's client only). */
@Stateless
public class ConferenceRecordStore {

    public static final int MAX_LIMIT = 1000;

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    public void save(FinishedConference finished) {
        ConferenceRecordEntity record = new ConferenceRecordEntity(finished.clientId(), finished.extensionId(),
                finished.conferenceId(), finished.startedAt(), finished.endedAt(), finished.peakParticipants());
        em.persist(record);
        for (FinishedConference.Participant p : finished.participants()) {
            em.persist(new ConferenceRecordParticipantEntity(record.getId(), p.participantId(), p.number(), p.name(),
                    p.role(), p.origin(), p.joinedAt(), p.leftAt(), p.reason(), p.talkingMillis()));
        }
    }

    /**
     * The client's finished conferences that started in {@code [from, to)} (either may be null), of one
     * extension if given, newest first.
     */
    public RecordPage page(ApiCaller caller, long clientId, Long extensionId, Instant from, Instant to, int offset,
                           int limit) {
        caller.requireAccessTo(clientId);
        if (offset < 0) {
            throw new InvalidInputException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT);
        }
        String where = " WHERE r.clientId = :clientId"
                + (extensionId != null ? " AND r.extensionId = :extensionId" : "")
                + (from != null ? " AND r.startedAt >= :from" : "")
                + (to != null ? " AND r.startedAt < :to" : "");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM ConferenceRecordEntity r" + where, Long.class);
        TypedQuery<ConferenceRecordEntity> rows = em.createQuery(
                "SELECT r FROM ConferenceRecordEntity r" + where + " ORDER BY r.startedAt DESC, r.id DESC",
                ConferenceRecordEntity.class);
        for (TypedQuery<?> q : List.of(count, rows)) {
            q.setParameter("clientId", clientId);
            if (extensionId != null) {
                q.setParameter("extensionId", extensionId);
            }
            if (from != null) {
                q.setParameter("from", from);
            }
            if (to != null) {
                q.setParameter("to", to);
            }
        }
        List<ConferenceRecordEntity> records = rows.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new RecordPage(views(records), count.getSingleResult(), offset, limit);
    }

    private List<ConferenceRecordView> views(List<ConferenceRecordEntity> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ConferenceRecordView.Participant>> byRecord = new HashMap<>();
        List<Long> ids = records.stream().map(ConferenceRecordEntity::getId).toList();
        for (ConferenceRecordParticipantEntity p : em.createNamedQuery(ConferenceRecordParticipantEntity.OF_RECORDS,
                ConferenceRecordParticipantEntity.class).setParameter("recordIds", ids).getResultList()) {
            byRecord.computeIfAbsent(p.getRecordId(), id -> new ArrayList<>()).add(new ConferenceRecordView.Participant(
                    p.getParticipantId(), p.getNumber(), p.getName(), p.getRole(), p.getOrigin(), p.getJoinedAt(),
                    p.getLeftAt(), p.getReason(), Math.round(p.getTalkingMs() / 100.0) / 10.0));
        }
        List<ConferenceRecordView> views = new ArrayList<>();
        for (ConferenceRecordEntity r : records) {
            views.add(new ConferenceRecordView(r.getId(), r.getExtensionId(), r.getConferenceId(), r.getStartedAt(),
                    r.getEndedAt(), r.getPeakParticipants(), byRecord.getOrDefault(r.getId(), List.of())));
        }
        return views;
    }
}
