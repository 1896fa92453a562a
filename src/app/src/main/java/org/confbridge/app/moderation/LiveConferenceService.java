package org.confbridge.app.moderation;

import java.util.ArrayList;
import java.util.List;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ExtensionService;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.ResourceConflictException;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.domain.conference.InviteDecision;
import org.confbridge.domain.conference.InviteRefusal;
import org.confbridge.domain.conference.PendingInvite;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.infrastructure.persistence.ExtensionEntity;

/**
 * The client's live conferences and moderator actions. Every call first checks that the extension is
 * one of the caller's conference extensions (404 otherwise), then asks the live registry; a conference
 * nobody is in is 404 too. No transaction is needed beyond the ownership read.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class LiveConferenceService {

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private LiveConferences live;

    /** The client's conferences that have someone in them (or an invite pending), in extension order. */
    public List<LiveConferenceSummary> list(ApiCaller caller, long clientId) {
        caller.requireAccessTo(clientId);
        List<LiveConferenceSummary> result = new ArrayList<>();
        for (ExtensionEntity extension : em.createNamedQuery(ExtensionEntity.BY_CLIENT, ExtensionEntity.class)
                .setParameter("clientId", clientId).getResultList()) {
            if (ExtensionService.CONFERENCE.equals(extension.getType())) {
                live.conference(extension.getId())
                        .ifPresent(state -> result.add(new LiveConferenceSummary(extension.getName(), state)));
            }
        }
        return result;
    }

    public LiveConferenceSummary get(ApiCaller caller, long clientId, long extensionId) {
        ExtensionEntity extension = owned(caller, clientId, extensionId);
        return live.conference(extensionId).map(state -> new LiveConferenceSummary(extension.getName(), state))
                .orElseThrow(() -> new ResourceNotFoundException("live conference", extensionId));
    }

    public void setMuted(ApiCaller caller, long clientId, long extensionId, ParticipantId participant, boolean muted) {
        owned(caller, clientId, extensionId);
        live.setMuted(extensionId, participant, muted);
    }

    public void setAllMuted(ApiCaller caller, long clientId, long extensionId, boolean muted) {
        owned(caller, clientId, extensionId);
        live.setAllMuted(extensionId, muted);
    }

    public void setLocked(ApiCaller caller, long clientId, long extensionId, boolean locked) {
        owned(caller, clientId, extensionId);
        live.setLocked(extensionId, locked);
    }

    public void setJoinNotifications(ApiCaller caller, long clientId, long extensionId, boolean on) {
        owned(caller, clientId, extensionId);
        live.setJoinNotifications(extensionId, on);
    }

    public void remove(ApiCaller caller, long clientId, long extensionId, ParticipantId participant) {
        owned(caller, clientId, extensionId);
        live.remove(extensionId, participant);
    }

    /**
     * Invites {@code number} with the rules of {@code *8}: 400 for an invalid number, 409 when the
     * conference is locked, full, empty, or already calling that number.
     */
    public PendingInvite invite(ApiCaller caller, long clientId, long extensionId, String number) {
        owned(caller, clientId, extensionId);
        InviteDecision decision = live.invite(extensionId, number);
        if (decision instanceof InviteDecision.Started started) {
            return started.invite();
        }
        InviteDecision.Refused refused = (InviteDecision.Refused) decision;
        if (refused.reason() == InviteRefusal.INVALID_NUMBER) {
            throw new InvalidInputException("number", refused.message());
        }
        throw new ResourceConflictException(refused.message());
    }

    public void cancelInvite(ApiCaller caller, long clientId, long extensionId, InviteId invite) {
        owned(caller, clientId, extensionId);
        live.cancelInvite(extensionId, invite);
    }

    private ExtensionEntity owned(ApiCaller caller, long clientId, long extensionId) {
        caller.requireAccessTo(clientId);
        ExtensionEntity extension = em.find(ExtensionEntity.class, extensionId);
        if (extension == null || extension.getClientId() != clientId
                || !ExtensionService.CONFERENCE.equals(extension.getType())) {
            throw new ResourceNotFoundException("conference extension", extensionId);
        }
        return extension;
    }
}
