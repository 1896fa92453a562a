package org.confbridge.app.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened in a live conference.
 *
 * @param sequence      position in this server's event stream (increasing, starts at 1 with each start)
 * @param type          e.g. {@code participant.joined} (see the package doc)
 * @param time          when it happened
 * @param clientId      the tenant
 * @param extensionId   the conference extension
 * @param conferenceId  this run of the conference (from the first caller to the last one leaving)
 * @param participantId the participant concerned, or null
 * @param data          the fields that changed, by snake_case name (strings, numbers, booleans, nulls)
 */
public record ConferenceEvent(long sequence, String type, Instant time, long clientId, long extensionId,
                              String conferenceId, String participantId, Map<String, Object> data) {

    public ConferenceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The same event with its place in the stream. */
    ConferenceEvent numbered(long position) {
        return new ConferenceEvent(position, type, time, clientId, extensionId, conferenceId, participantId, data);
    }
}
