package org.confbridge.app.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ejb.Asynchronous;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.persistence.TypedQuery;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ResourceConflictException;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.infrastructure.persistence.ExtensionEntity;
import org.confbridge.infrastructure.persistence.RecordingEntity;

/**
 * Recording metadata: written by the live registry as invited calls are recorded, read and deleted
 * by the owning client over REST. The end of a recording is stored asynchronously, because it is
 * reported on the media engine's event thread, which must not wait for the database.
 */
@Stateless
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class.getName());

    static final String RECORDING = "recording";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    // ------------------------------------------------------------------ written by the live registry

    /**
     * A recording starts; {@code error} non-null when it cannot (the directory is not writable): then
     * it is stored as failed at once.
     *
     * @return the recording's id
     */
    public long started(long extensionId, String number, String inviter, Instant startedAt, Path file, String error) {
        ExtensionEntity extension = em.find(ExtensionEntity.class, extensionId);
        if (extension == null) {
            throw new ResourceNotFoundException("extension", extensionId);
        }
        RecordingEntity entity = new RecordingEntity(extension.getClientId(), extensionId, number, inviter,
                startedAt, file == null ? null : file.toString());
        if (error != null) {
            entity.fail(truncate(error));
        }
        em.persist(entity);
        em.flush();
        return entity.getId();
    }

    /** The recording ended and its WAV is complete. */
    @Asynchronous
    public void completed(long id, long durationMs) {
        RecordingEntity entity = em.find(RecordingEntity.class, id);
        if (entity == null) {
            return; // deleted meanwhile
        }
        long size;
        try {
            size = Files.size(Path.of(entity.getFilePath()));
        } catch (IOException | RuntimeException e) {
            entity.fail(truncate("the finished recording file is missing: " + e.getMessage()));
            return;
        }
        entity.complete(durationMs, size);
    }

    /** The recording could not be written; the call went on. */
    @Asynchronous
    public void failed(long id, String error) {
        RecordingEntity entity = em.find(RecordingEntity.class, id);
        if (entity != null) {
            entity.fail(truncate(error));
        }
    }

    // ------------------------------------------------------------------------------------- REST

    /** The client's recordings matching {@code query}, newest first. */
    public RecordingPage list(ApiCaller caller, long clientId, RecordingQuery query) {
        caller.requireAccessTo(clientId);
        StringBuilder where = new StringBuilder(" FROM RecordingEntity r WHERE r.clientId = :clientId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("clientId", clientId);
        if (query.extensionId() != null) {
            where.append(" AND r.extensionId = :extensionId");
            parameters.put("extensionId", query.extensionId());
        }
        if (query.from() != null) {
            where.append(" AND r.startedAt >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" AND r.startedAt < :to");
            parameters.put("to", query.to());
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(r)" + where, Long.class);
        TypedQuery<RecordingEntity> page = em.createQuery("SELECT r" + where + " ORDER BY r.startedAt DESC, r.id DESC",
                RecordingEntity.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            page.setParameter(name, value);
        });
        List<RecordingEntity> entities = page.setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultList();
        Map<Long, String> numbers = extensionNumbers(entities);
        return new RecordingPage(entities.stream().map(e -> view(e, numbers)).toList(), count.getSingleResult(),
                query.offset(), query.limit());
    }

    public RecordingView get(ApiCaller caller, long clientId, long id) {
        RecordingEntity entity = find(caller, clientId, id);
        return view(entity, extensionNumbers(List.of(entity)));
    }

    /** The WAV of a completed recording; 404 while it is still running or when it failed. */
    public RecordingAudio audio(ApiCaller caller, long clientId, long id) {
        RecordingEntity entity = find(caller, clientId, id);
        if (!COMPLETED.equals(entity.getStatus())) {
            throw new ResourceNotFoundException("audio of " + entity.getStatus() + " recording", id);
        }
        Path file = Path.of(entity.getFilePath());
        try {
            return new RecordingAudio(file, Files.size(file), "recording-" + id + ".wav");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "recording " + id + " has no file " + file, e);
            throw new ResourceNotFoundException("audio file of recording", id);
        }
    }

    /** Deletes the metadata and the file; 409 while the call is still being recorded. */
    public void delete(ApiCaller caller, long clientId, long id) {
        RecordingEntity entity = find(caller, clientId, id);
        if (RECORDING.equals(entity.getStatus())) {
            throw new ResourceConflictException("recording " + id + " is still running; delete it after the call");
        }
        em.remove(entity);
        if (entity.getFilePath() != null) {
            try {
                Files.deleteIfExists(Path.of(entity.getFilePath()));
            } catch (IOException e) {
                // A failed recording may have no file, nor even a directory: only a lost WAV is worth a warning.
                LOG.log(COMPLETED.equals(entity.getStatus()) ? Level.WARNING : Level.FINE,
                        "could not delete the file of recording " + id, e);
            }
        }
    }

    private RecordingEntity find(ApiCaller caller, long clientId, long id) {
        caller.requireAccessTo(clientId);
        RecordingEntity entity = em.find(RecordingEntity.class, id);
        if (entity == null || entity.getClientId() != clientId) {
            throw new ResourceNotFoundException("recording", id);
        }
        return entity;
    }

    private Map<Long, String> extensionNumbers(List<RecordingEntity> recordings) {
        List<Long> ids = recordings.stream().map(RecordingEntity::getExtensionId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, String> numbers = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT e FROM ExtensionEntity e WHERE e.id IN :ids", ExtensionEntity.class)
                    .setParameter("ids", ids).getResultList()
                    .forEach(e -> numbers.put(e.getId(), e.getName()));
        }
        return numbers;
    }

    private static RecordingView view(RecordingEntity e, Map<Long, String> extensionNumbers) {
        return new RecordingView(e.getId(), e.getClientId(), e.getExtensionId(),
                e.getExtensionId() == null ? null : extensionNumbers.get(e.getExtensionId()), e.getNumber(),
                e.getInviter(), e.getStartedAt(), e.getDurationMs(), e.getSizeBytes(), e.getStatus(), e.getError());
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }
}
