package org.confbridge.interfaces.rest.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.interfaces.rest.Callers;

/**
 * The client's conference events, live, as Server-Sent Events. Each event is named by its type (e.g.
 * {@code participant.joined}), has the id {@code <run>:<sequence>} and JSON data. A reconnect with
 * {@code Last-Event-ID} gets the kept events after that id first (the server keeps the latest
 * {@code events.keep} events of all clients); when some are no longer kept, or the id is from before a
 * restart of the server, an {@code events.lost} event says so before the kept ones. A comment line
 * ({@code : heartbeat}) is sent every 15 seconds, or half the HTTP idle timeout ({@code http.timeout.ms}) if
 * that is shorter.
 */
@Path("ver1.0/client/{client_id}/events")
@Tag(name = "events")
@SecurityRequirement(name = "oauth2")
public class EventStreamResource {

    private final ConferenceEvents bus;
    private final EventStreams streams;

    @Inject
    public EventStreamResource(ConferenceEvents bus, EventStreams streams) {
        this.bus = bus;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream the client's conference events (text/event-stream; resume with Last-Event-ID)")
    public void stream(@Context SecurityContext security, @PathParam("client_id") String clientId,
                       @Parameter(description = "id of the last event received, to resume after it")
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Parameter(description = "only these event types, comma-separated")
                       @QueryParam("types") String types,
                       @Parameter(description = "only events of this conference extension")
                       @QueryParam("extension_id") Long extensionId,
                       @Context SseEventSink sink, @Context Sse sse,
                       @Context HttpServletRequest servletRequest) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        caller.requireAccessTo(client);
        Predicate<ConferenceEvent> filter = filter(client, types, extensionId);

        Optional<ResumePoint> resume = ResumePoint.parse(lastEventId);
        Map<String, Object> lost = null;
        long after = Long.MAX_VALUE; // nothing of the past unless resuming
        if (lastEventId != null && !lastEventId.isBlank()) {
            if (resume.isPresent() && resume.get().run().equals(bus.run())
                    && resume.get().sequence() <= bus.latest()) {
                after = resume.get().sequence();
                long oldest = bus.oldestKept();
                if (oldest > after + 1) {
                    lost = lost(lastEventId, "events after it are no longer kept", ResumePoint.idOf(bus.run(), oldest));
                }
            } else {
                after = 0;
                lost = lost(lastEventId, "not an event id of this server run (the server restarted)",
                        bus.oldestKept() == 0 ? null : ResumePoint.idOf(bus.run(), bus.oldestKept()));
            }
        }
        EventStream stream = new EventStream(sink, sse, bus.run(), filter, streams);
        watchRequest(servletRequest, stream);
        stream.start(bus, lost, after);
    }

    /**
     * Starts the asynchronous request here (Jersey takes it over as it is) to hear when the container ends
     * it: after that the container reuses the response for other requests, so the stream must stop writing
     * before the listener returns.
     */
    private static void watchRequest(HttpServletRequest request, EventStream stream) {
        AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
        async.setTimeout(0); // never: the stream lasts until either side closes it
        stream.watch(async);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                stream.requestEnded();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.requestEnded();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.requestEnded();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
    }

    private static Map<String, Object> lost(String lastEventId, String reason, String oldestKept) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("last_event_id", lastEventId);
        body.put("reason", reason);
        body.put("oldest_kept", oldestKept);
        return body;
    }

    static Predicate<ConferenceEvent> filter(long client, String types, Long extensionId) {
        Set<String> wanted = types == null || types.isBlank() ? Set.of()
                : Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return event -> event.clientId() == client
                && (extensionId == null || event.extensionId() == extensionId)
                && (wanted.isEmpty() || wanted.contains(event.type()));
    }
}
