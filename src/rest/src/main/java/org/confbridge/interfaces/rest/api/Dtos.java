package org.confbridge.interfaces.rest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import org.confbridge.app.ApplicationView;
import org.confbridge.app.ClientView;
import org.confbridge.app.ExtensionView;
import org.confbridge.app.PlainText;
import org.confbridge.app.SoundView;

/** Request and response bodies of the API (JSON, snake_case). */
public final class Dtos {

    static final String DIGITS = "[0-9]{1,32}";
    static final String DIGITS_MESSAGE = "must be 1 to 32 digits (it is the number callers dial)";
    static final String TYPES = "conference|phone";
    static final String TYPES_MESSAGE = "must be \"conference\" or \"phone\"";

    private Dtos() {
    }

    /** A client (tenant). */
    public record Client(@JsonProperty("id") long id, @JsonProperty("name") String name,
                         @JsonProperty("sip_domain") String sipDomain,
                         @JsonProperty("default") boolean defaultClient) {
        static Client of(ClientView v) {
            return new Client(v.id(), v.name(), v.sipDomain(), v.defaultClient());
        }
    }

    /** New client (administrators only). */
    public record ClientCreate(
            @JsonProperty("name") @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String name,
            @JsonProperty("sip_domain")
            @Pattern(regexp = "[A-Za-z0-9.-]{1,253}", message = "must be a host name (letters, digits, dots, dashes)")
            String sipDomain) {
    }

    /** An API application; {@code client_secret} only in the answer to its creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Application(@JsonProperty("id") long id,
                              @JsonProperty("client_id") @Schema(description = "OAuth client_id") String clientId,
                              @JsonProperty("client_secret") @Schema(description = "only shown once, on creation")
                              String clientSecret,
                              @JsonProperty("name") String name,
                              @JsonProperty("administrator") boolean administrator,
                              @JsonProperty("revoked") boolean revoked,
                              @JsonProperty("created_at") Instant createdAt) {
        static Application of(ApplicationView v) {
            return new Application(v.id(), v.clientId(), v.clientSecret(), v.name(), v.administrator(), v.revoked(),
                    v.createdAt());
        }
    }

    /** New application. */
    public record ApplicationCreate(
            @JsonProperty("name") @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String name,
            @JsonProperty("administrator") @Schema(description = "administrators only; default false")
            Boolean administrator) {
    }

    /** An extension. */
    public record Extension(@JsonProperty("id") long id, @JsonProperty("name") String name,
                            @JsonProperty("type") String type, @JsonProperty("label") String label) {
        static Extension of(ExtensionView v) {
            return new Extension(v.id(), v.name(), v.type(), v.label());
        }
    }

    /** New extension. */
    public record ExtensionCreate(
            @JsonProperty("name") @NotNull @Pattern(regexp = DIGITS, message = DIGITS_MESSAGE) String name,
            @JsonProperty("type") @NotNull @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
            @JsonProperty("label") @Size(max = 200) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String label) {
    }

    /** Changed extension fields; those left out stay as they are. */
    public record ExtensionUpdate(
            @JsonProperty("name") @Pattern(regexp = DIGITS, message = DIGITS_MESSAGE) String name,
            @JsonProperty("type") @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
            @JsonProperty("label") @Size(max = 200) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String label) {
    }

    /** A sound file's metadata. */
    public record Sound(@JsonProperty("id") long id, @JsonProperty("title") String title,
                        @JsonProperty("original_filename") String originalFilename,
                        @JsonProperty("original_format") String originalFormat,
                        @JsonProperty("original_size") long originalSize,
                        @JsonProperty("duration_ms") long durationMs,
                        @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("updated_at") Instant updatedAt) {
        static Sound of(SoundView v) {
            return new Sound(v.id(), v.title(), v.originalFilename(), v.originalFormat(), v.originalSize(),
                    v.durationMs(), v.createdAt(), v.updatedAt());
        }
    }

    /** New title of a sound. */
    public record SoundRename(@JsonProperty("title") @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.REGEX, message = PlainText.MESSAGE) String title) {
    }

    /** The multipart form of a sound upload (documentation only: read part by part). */
    @Schema(name = "SoundUpload")
    public static class SoundUploadForm {
        @Schema(description = "title of the sound", requiredMode = Schema.RequiredMode.REQUIRED)
        public String title;
        @Schema(type = "string", format = "binary", description = "WAV (PCM 8/16/24-bit) or MP3, at most 10 MB",
                requiredMode = Schema.RequiredMode.REQUIRED)
        public String file;
    }
}
