package org.confbridge.interfaces.rest.recording;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.confbridge.app.recording.RecordingPage;
import org.confbridge.app.recording.RecordingView;

/** JSON bodies of the recordings API (snake_case). */
public final class RecordingDtos {

    private RecordingDtos() {
    }

    /** One recording's metadata; {@code audio} is the download path of a completed one. */
    public record Recording(@JsonProperty("id") long id,
                            @JsonProperty("extension_id") Long extensionId,
                            @JsonProperty("extension") String extension,
                            @JsonProperty("number") String number,
                            @JsonProperty("inviter") String inviter,
                            @JsonProperty("started_at") Instant startedAt,
                            @JsonProperty("duration_ms") Long durationMs,
                            @JsonProperty("size_bytes") Long sizeBytes,
                            @JsonProperty("status") String status,
                            @JsonProperty("error") String error) {
        static Recording of(RecordingView v) {
            return new Recording(v.id(), v.extensionId(), v.extensionNumber(), v.number(), v.inviter(), v.startedAt(),
                    v.durationMs(), v.sizeBytes(), v.status(), v.error());
        }
    }

    /** A page of recordings, newest first; {@code total} match the filter. */
    public record Page(@JsonProperty("items") List<Recording> items, @JsonProperty("total") long total,
                       @JsonProperty("offset") int offset, @JsonProperty("limit") int limit) {
        static Page of(RecordingPage page) {
            return new Page(page.items().stream().map(Recording::of).toList(), page.total(), page.offset(),
                    page.limit());
        }
    }
}
