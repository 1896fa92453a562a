package org.confbridge.app;

import java.util.ArrayList;
import java.util.List;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceContext;
import javax.persistence.PersistenceException;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.domain.settings.SettingsFields;
import org.confbridge.domain.settings.SettingsViolation;
import org.confbridge.infrastructure.persistence.ConferencePropertiesEntity;
import org.confbridge.infrastructure.persistence.DatabaseErrors;
import org.confbridge.infrastructure.persistence.ExtensionEntity;
import org.confbridge.infrastructure.persistence.SoundEntity;

/**
 * One transaction per update attempt (used by {@link ConferencePropertiesService}, which retries
 * when the version check fails, and hands in the PUTs of one conference that arrived together as one
 * batch). Not for direct use by adapters.
 */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class ConferencePropertiesStore {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    /** Read-only: no transaction (a conference without a stored row has the defaults). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ConferenceSettings load(ApiCaller caller, long clientId, long extensionId) {
        requireConference(caller, clientId, extensionId);
        ConferencePropertiesEntity entity = em.find(ConferencePropertiesEntity.class, extensionId);
        return entity == null ? ConferenceSettings.DEFAULTS : entity.toSettings();
    }

    /**
     * The outcome of one patch of a batch: the properties after it, or why it was refused (nothing of it
     * applied; the batch's other patches are unaffected).
     */
    public record Outcome(ConferenceSettings applied, InvalidInputException refused) {
    }

    /**
     * Applies the patches one after the other, in one transaction: each one that keeps every rule (checked
     * against the properties as the patches before it left them) is applied, each other one is refused alone.
     * The version check happens at the flush.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @WritesData
    public List<Outcome> applyAll(ApiCaller caller, long clientId, long extensionId,
                                  List<ConferenceSettingsPatch> patches, int maxMembersCeiling) {
        try {
            return applyInOrder(caller, clientId, extensionId, patches, maxMembersCeiling);
        } catch (PersistenceException e) {
            if (DatabaseErrors.isLockConflict(e) || DatabaseErrors.isForeignKeyViolation(e)) {
                // A sound was deleted or a row changed under us: the caller retries and sees the new state.
                throw new ConcurrentChangeException(e);
            }
            throw e;
        }
    }

    private List<Outcome> applyInOrder(ApiCaller caller, long clientId, long extensionId,
                                      List<ConferenceSettingsPatch> patches, int maxMembersCeiling) {
        ConferencePropertiesEntity entity = propertiesOf(caller, clientId, extensionId);
        ConferenceSettings current = entity.toSettings();
        List<Outcome> outcomes = new ArrayList<>(patches.size());
        for (ConferenceSettingsPatch patch : patches) {
            ConferenceSettings candidate = patch.applyTo(current);
            List<FieldProblem> problems = new ArrayList<>();
            for (SettingsViolation v : candidate.violations(maxMembersCeiling)) {
                problems.add(new FieldProblem(v.field(), v.message()));
            }
            checkSound(SettingsFields.ENTER_SOUND, candidate.enterSound(), current.enterSound(), clientId, problems);
            checkSound(SettingsFields.MUSIC_ON_HOLD_SOUND, candidate.musicOnHoldSound(), current.musicOnHoldSound(),
                    clientId, problems);
            if (problems.isEmpty()) {
                current = candidate;
                outcomes.add(new Outcome(candidate, null));
            } else {
                outcomes.add(new Outcome(null, new InvalidInputException(problems)));
            }
        }
        entity.apply(current);
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException(e);
        }
        return outcomes;
    }

    /**
     * Only a reference this update sets is checked and locked: one already stored was checked when it was set,
     * and a sound that a stored row refers to cannot be deleted (the delete counts its users under the same
     * row lock, and the foreign key backs it), so a PUT that leaves the sounds alone locks no sound row.
     */
    private void checkSound(String field, Long soundId, Long storedSoundId, long clientId,
                            List<FieldProblem> problems) {
        boolean alreadyReported = problems.stream().anyMatch(p -> p.field().equals(field));
        if (soundId == null || soundId.equals(storedSoundId) || alreadyReported) {
            return;
        }
        // Row lock (SELECT ... FOR UPDATE) held until commit: a concurrent delete of this sound waits and
        // then sees this conference using it (409); if the delete came first, the sound is gone here (400).
        SoundEntity sound = em.find(SoundEntity.class, soundId, LockModeType.PESSIMISTIC_WRITE);
        if (sound == null || sound.getClientId() != clientId) {
            problems.add(new FieldProblem(field, "no sound with id " + soundId + " exists for this client"));
        }
    }

    private void requireConference(ApiCaller caller, long clientId, long extensionId) {
        caller.requireAccessTo(clientId);
        ExtensionEntity extension = em.find(ExtensionEntity.class, extensionId);
        if (extension == null || extension.getClientId() != clientId
                || !ExtensionService.CONFERENCE.equals(extension.getType())) {
            throw new ResourceNotFoundException("conference extension", extensionId);
        }
    }

    private ConferencePropertiesEntity propertiesOf(ApiCaller caller, long clientId, long extensionId) {
        requireConference(caller, clientId, extensionId);
        // No row lock: PUTs of one conference on this node are already written one batch at a time
        // (ConferencePropertiesService), so the version check at the flush only fails when another node wrote
        // meanwhile, and then the batch is retried on the new state. No lock is held across the commit.
        ConferencePropertiesEntity entity = em.find(ConferencePropertiesEntity.class, extensionId);
        if (entity == null) {
            entity = new ConferencePropertiesEntity(extensionId, ConferenceSettings.DEFAULTS);
            em.persist(entity);
        }
        return entity;
    }
}
