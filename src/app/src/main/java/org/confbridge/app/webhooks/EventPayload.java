package org.confbridge.app.webhooks;

import java.util.Map;
import org.confbridge.app.events.ConferenceEvent;

/**
 * The JSON body of a delivery, the same fields as the live stream's events: {@code id}, {@code sequence},
 * {@code type}, {@code time}, {@code client_id}, {@code extension_id}, {@code conference_id},
 * {@code participant_id}, {@code data} (strings, numbers, booleans and nulls).
 */
final class EventPayload {

    private EventPayload() {
    }

    static String json(String id, ConferenceEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "id", id).append(',');
        json.append("\"sequence\":").append(event.sequence()).append(',');
        field(json, "type", event.type()).append(',');
        field(json, "time", event.time().toString()).append(',');
        json.append("\"client_id\":").append(event.clientId()).append(',');
        json.append("\"extension_id\":").append(event.extensionId()).append(',');
        field(json, "conference_id", event.conferenceId()).append(',');
        field(json, "participant_id", event.participantId()).append(',');
        json.append("\"data\":{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : event.data().entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey()).append(':');
            value(json, entry.getValue());
        }
        return json.append("}}").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        string(json, name).append(':');
        return value == null ? json.append("null") : string(json, value);
    }

    private static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            json.append(number);
        } else {
            string(json, value.toString());
        }
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
