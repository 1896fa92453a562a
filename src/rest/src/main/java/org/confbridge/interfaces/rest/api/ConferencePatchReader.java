package org.confbridge.interfaces.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confbridge.app.ConferenceSettingsPatch;
import org.confbridge.app.FieldProblem;
import org.confbridge.app.InvalidInputException;
import org.confbridge.domain.settings.SettingsFields;

/**
 * Turns a PUT body into a patch, telling "left out" from "null" (which a bound DTO cannot) and
 * checking each field's JSON type strictly. Value rules are the domain's, checked by the service.
 */
final class ConferencePatchReader {

    private ConferencePatchReader() {
    }

    static ConferenceSettingsPatch read(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new InvalidInputException("body", "a JSON object with the properties to change is required");
        }
        if (!body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case SettingsFields.ANNOUNCE_CALLER_NAME, SettingsFields.MUTE_NON_MODERATOR,
                        SettingsFields.RECORD_ENABLED -> {
                    if (value.isNull() || value.isBoolean()) {
                        changes.put(name, value.isNull() ? null : value.booleanValue());
                    } else {
                        problems.add(new FieldProblem(name, "must be true, false or null"));
                    }
                }
                case SettingsFields.ENTER_SOUND, SettingsFields.MUSIC_ON_HOLD_SOUND -> {
                    if (value.isNull() || (value.isIntegralNumber() && value.canConvertToLong())) {
                        changes.put(name, value.isNull() ? null : value.longValue());
                    } else {
                        problems.add(new FieldProblem(name, "must be a sound id (integer) or null"));
                    }
                }
                case SettingsFields.MAX_MEMBERS -> {
                    if (value.isNull() || (value.isIntegralNumber() && value.canConvertToInt())) {
                        changes.put(name, value.isNull() ? null : value.intValue());
                    } else {
                        problems.add(new FieldProblem(name, "must be an integer or null"));
                    }
                }
                case SettingsFields.PIN, SettingsFields.MODERATOR_PIN -> {
                    if (value.isNull() || value.isTextual()) {
                        changes.put(name, value.isNull() ? null : value.textValue());
                    } else {
                        problems.add(new FieldProblem(name, "must be a string of digits (in quotes) or null"));
                    }
                }
                default -> problems.add(new FieldProblem(name, "unknown field; allowed: " + SettingsFields.ALL));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return ConferenceSettingsPatch.of(changes);
    }
}
