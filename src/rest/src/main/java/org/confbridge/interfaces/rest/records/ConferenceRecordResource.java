package org.confbridge.interfaces.rest.records;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.inject.Inject;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.records.ConferenceRecordStore;
import org.confbridge.app.records.ConferenceRecordView;
import org.confbridge.app.records.RecordPage;
import org.confbridge.interfaces.rest.Callers;

/**
 * The client's finished conferences, newest first. Filters: {@code extension_id}, {@code from} and
 * {@code to} (ISO-8601 instants, on the start); paging: {@code offset}, {@code limit} (1 to 1000, default
 * 100). {@code /export.csv} answers the same selection as CSV, one row per participant.
 */
@Path("ver1.0/client/{client_id}/conference-records")
@Tag(name = "call records")
@SecurityRequirement(name = "oauth2")
public class ConferenceRecordResource {

    private static final String CSV = "text/csv";
    private static final String HEADER = "conference_id,extension_id,started_at,ended_at,duration_seconds,"
            + "peak_participants,participant_id,number,name,role,origin,joined_at,left_at,reason,talking_seconds";

    private final ConferenceRecordStore records;

    @Inject
    public ConferenceRecordResource(ConferenceRecordStore records) {
        this.records = records;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List finished conferences with their participants")
    public RecordDtos.Page list(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                @QueryParam("extension_id") Long extensionId,
                                @Parameter(description = "started at or after (ISO-8601)") @QueryParam("from") String from,
                                @Parameter(description = "started before (ISO-8601)") @QueryParam("to") String to,
                                @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        ApiCaller caller = Callers.of(security);
        return RecordDtos.Page.of(records.page(caller, Callers.clientId(caller, clientId), extensionId,
                instant("from", from), instant("to", to), offset, limit));
    }

    @GET
    @Path("export.csv")
    @Produces(CSV)
    @Operation(summary = "The same selection as CSV, one row per participant")
    public Response csv(@Context SecurityContext security, @PathParam("client_id") String clientId,
                        @QueryParam("extension_id") Long extensionId, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("offset") @DefaultValue("0") int offset,
                        @QueryParam("limit") @DefaultValue("1000") int limit) {
        ApiCaller caller = Callers.of(security);
        RecordPage page = records.page(caller, Callers.clientId(caller, clientId), extensionId, instant("from", from),
                instant("to", to), offset, limit);
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ConferenceRecordView r : page.items()) {
            for (ConferenceRecordView.Participant p : r.participants()) {
                row(csv, r.conferenceId(), r.extensionId(), r.startedAt(), r.endedAt(), r.durationSeconds(),
                        r.peakParticipants(), p.participantId(), p.number(), p.name(), p.role(), p.origin(),
                        p.joinedAt(), p.leftAt(), p.reason(), p.talkingSeconds());
            }
        }
        return Response.ok(csv.toString(), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"conference-records.csv\"")
                .header("X-Total-Count", page.total()).build();
    }

    private static void row(StringBuilder csv, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(values[i]));
        }
        csv.append("\r\n");
    }

    /** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with a quote mark. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
    }
}
