package org.confbridge.app.live;

import org.confbridge.domain.keys.DtmfKeys;
import org.confbridge.domain.participant.ParticipantId;

/**
 * What the SIP adapter holds for one call in a conference: the participant's id (generated here, short
 * and opaque; never a SIP Call-ID) and the way in to its conference's loop. Every method only hands a
 * task to that loop and returns at once; thread-safe.
 */
public final class ParticipantHandle {

    private final ParticipantId id;
    private volatile LiveConference conference;

    ParticipantHandle(ParticipantId id, LiveConference conference) {
        this.id = id;
        this.conference = conference;
    }

    public ParticipantId id() {
        return id;
    }

    /**
     * A DTMF key from the caller (SIP INFO; RFC 4733 keys come from the media leg directly).
     *
     * @throws IllegalArgumentException for a character that is no DTMF key
     */
    public void pressKey(char key) {
        char canonical = DtmfKeys.requireKey(key);
        LiveConference target = conference;
        target.execute(() -> target.keyPressed(id, canonical));
    }

    /** The caller put the call on hold or took it off hold (re-INVITE). */
    public void setOnHold(boolean onHold) {
        LiveConference target = conference;
        target.execute(() -> target.setOnHold(id, onHold));
    }

    /** The call ended (BYE either way, CANCEL, a dead dialog): it leaves its conference. Idempotent. */
    public void leave() {
        LiveConference target = conference;
        target.execute(() -> target.leave(id));
    }

    /** The conference this call belongs to now (a join that found its conference closing moves on). */
    void moveTo(LiveConference next) {
        conference = next;
    }

    LiveConference conference() {
        return conference;
    }

    @Override
    public String toString() {
        return id.value();
    }
}
