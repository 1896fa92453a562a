package org.confbridge.interfaces.rest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.interfaces.rest.JsonConfig;

/** The JSON form of an event, as the stream (and the dashboard) sees it. */
final class EventJson {

    private static final ObjectMapper JSON = JsonConfig.create();

    private EventJson() {
    }

    /** {@code {"id","sequence","type","time","client_id","extension_id","conference_id","participant_id","data"}}. */
    static String of(String id, ConferenceEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("sequence", event.sequence());
        body.put("type", event.type());
        body.put("time", event.time().toString());
        body.put("client_id", event.clientId());
        body.put("extension_id", event.extensionId());
        body.put("conference_id", event.conferenceId());
        body.put("participant_id", event.participantId());
        body.put("data", event.data());
        return write(body);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }
}
