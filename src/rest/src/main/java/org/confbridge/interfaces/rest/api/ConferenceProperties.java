package org.confbridge.interfaces.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.confbridge.domain.settings.ConferenceSettings;

/** The seed's eight conference properties, as answered by GET and PUT (and documented for PUT). */
@Schema(name = "ConferenceProperties", description = "PUT changes only the fields it names; null resets a field")
public record ConferenceProperties(
        @JsonProperty("announce_caller_name") @Schema(defaultValue = "false",
                description = "ask each caller's name on entry and announce it to everyone")
        Boolean announceCallerName,
        @JsonProperty("enter_sound") @Schema(nullable = true,
                description = "id of a sound of the same client played when someone enters; null = built-in tone")
        Long enterSound,
        @JsonProperty("max_members") @Schema(nullable = true, minimum = "1",
                description = "admission limit; null = 100")
        Integer maxMembers,
        @JsonProperty("pin") @Schema(nullable = true, pattern = "^[0-9]{1,16}$",
                description = "participant PIN, digits only; null = no PIN asked")
        String pin,
        @JsonProperty("moderator_pin") @Schema(nullable = true, pattern = "^[0-9]{1,16}$",
                description = "moderator PIN, digits only; only with pin, and different from it")
        String moderatorPin,
        @JsonProperty("mute_non_moderator") @Schema(defaultValue = "false",
                description = "everyone but moderators enters muted and only moderators may use *1")
        Boolean muteNonModerator,
        @JsonProperty("music_on_hold_sound") @Schema(nullable = true,
                description = "id of a sound played while a participant is alone; null = built-in prompt")
        Long musicOnHoldSound,
        @JsonProperty("record_enabled") @Schema(defaultValue = "false",
                description = "record each invited external participant")
        Boolean recordEnabled) {

    static ConferenceProperties of(ConferenceSettings s) {
        return new ConferenceProperties(s.announceCallerName(), s.enterSound(), s.maxMembers(), s.pin(),
                s.moderatorPin(), s.muteNonModerator(), s.musicOnHoldSound(), s.recordEnabled());
    }
}
