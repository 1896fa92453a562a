package org.confbridge.interfaces.rest.recording;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.FieldProblem;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.recording.RecordingAudio;
import org.confbridge.app.recording.RecordingQuery;
import org.confbridge.app.recording.RecordingService;
import org.confbridge.interfaces.rest.Callers;

/**
 * Recordings of invited participants ({@code record_enabled}). The audio is a stereo 16-bit WAV, 8 kHz (16 kHz for a wideband call):
 * left what the invited person said, right what they heard.
 */
@Path("ver1.0/client/{client_id}/recording")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recording")
@SecurityRequirement(name = "oauth2")
public class RecordingResource {

    static final String WAV = "audio/wav";
    private static final int DEFAULT_LIMIT = 50;

    private final RecordingService recordings;

    @Inject
    public RecordingResource(RecordingService recordings) {
        this.recordings = recordings;
    }

    @GET
    @Operation(summary = "List recordings, newest first (filter by extension and start time; offset/limit pages)")
    public RecordingDtos.Page list(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                   @Parameter(description = "only this conference extension")
                                   @QueryParam("extension_id") String extensionId,
                                   @Parameter(description = "started at or after (ISO-8601, e.g. 2026-11-28T07:00:00Z)")
                                   @QueryParam("from") String from,
                                   @Parameter(description = "started before (ISO-8601)") @QueryParam("to") String to,
                                   @Parameter(description = "recordings to skip (default 0)")
                                   @QueryParam("offset") String offset,
                                   @Parameter(description = "page size, 1-500 (default 50)")
                                   @QueryParam("limit") String limit) {
        ApiCaller caller = Callers.of(security);
        List<FieldProblem> problems = new ArrayList<>();
        Long extension = number(extensionId, "extension_id", problems);
        Instant fromTime = instant(from, "from", problems);
        Instant toTime = instant(to, "to", problems);
        Long offsetValue = number(offset, "offset", problems);
        Long limitValue = number(limit, "limit", problems);
        if (offsetValue != null && offsetValue < 0) {
            problems.add(new FieldProblem("offset", "must not be negative"));
        }
        if (limitValue != null && (limitValue < 1 || limitValue > RecordingQuery.MAX_LIMIT)) {
            problems.add(new FieldProblem("limit", "must be 1 to " + RecordingQuery.MAX_LIMIT));
        }
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RecordingQuery query = new RecordingQuery(extension, fromTime, toTime,
                offsetValue == null ? 0 : offsetValue.intValue(),
                limitValue == null ? DEFAULT_LIMIT : limitValue.intValue());
        return RecordingDtos.Page.of(recordings.list(caller, Callers.clientId(caller, clientId), query));
    }

    @GET
    @Path("{recording_id}")
    @Operation(summary = "Get a recording's metadata")
    public RecordingDtos.Recording get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                       @PathParam("recording_id") long recordingId) {
        ApiCaller caller = Callers.of(security);
        return RecordingDtos.Recording.of(recordings.get(caller, Callers.clientId(caller, clientId), recordingId));
    }

    @GET
    @Path("{recording_id}/audio")
    @Produces({WAV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the WAV (stereo: left the invited person, right what they heard); Range supported")
    public Response audio(@Context SecurityContext security, @PathParam("client_id") String clientId,
                          @PathParam("recording_id") long recordingId,
                          @Parameter(hidden = true) @HeaderParam("Range") String range) {
        ApiCaller caller = Callers.of(security);
        RecordingAudio audio = recordings.audio(caller, Callers.clientId(caller, clientId), recordingId);
        long size = audio.sizeBytes();
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, size);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size)
                    .header("Accept-Ranges", "bytes").build();
        }
        ByteRange selected = part.orElse(new ByteRange(0, size - 1));
        Response.ResponseBuilder response = part.isPresent()
                ? Response.status(206).header("Content-Range",
                        "bytes " + selected.first() + "-" + selected.last() + "/" + size)
                : Response.ok();
        return response.type(WAV)
                .entity(stream(audio, selected))
                .header(HttpHeaders.CONTENT_LENGTH, size == 0 ? 0 : selected.length())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + audio.filename() + "\"")
                .build();
    }

    @DELETE
    @Path("{recording_id}")
    @Operation(summary = "Delete a recording and its file (409 while the call is still being recorded)")
    public Response delete(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @PathParam("recording_id") long recordingId) {
        ApiCaller caller = Callers.of(security);
        recordings.delete(caller, Callers.clientId(caller, clientId), recordingId);
        return Response.noContent().build();
    }

    private static StreamingOutput stream(RecordingAudio audio, ByteRange range) {
        return out -> {
            if (audio.sizeBytes() == 0) {
                return;
            }
            try (FileChannel file = FileChannel.open(audio.file(), StandardOpenOption.READ);
                 InputStream in = Channels.newInputStream(file.position(range.first()))) {
                copy(in, out, range.length());
            }
        };
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static Long number(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number, got '" + value + "'"));
            return null;
        }
    }

    private static Instant instant(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2026-11-28T07:00:00Z, got '"
                    + value + "'"));
            return null;
        }
    }
}
