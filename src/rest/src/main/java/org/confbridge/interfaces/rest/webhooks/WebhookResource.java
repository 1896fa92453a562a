package org.confbridge.interfaces.rest.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import javax.inject.Inject;
import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.webhooks.WebhookService;
import org.confbridge.interfaces.rest.Callers;

/**
 * The client's webhooks. Each gets the client's conference events (those of {@code event_types}, or all) as
 * {@code POST}s of the event's JSON with {@code X-Confbridge-Event}, {@code X-Confbridge-Event-Id},
 * {@code X-Confbridge-Delivery}, {@code X-Confbridge-Timestamp} (Unix seconds) and
 * {@code X-Confbridge-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}; any 2xx answer is a
 * delivery, anything else is tried again later.
 */
@Path("ver1.0/client/{client_id}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@SecurityRequirement(name = "oauth2")
public class WebhookResource {

    private final WebhookService webhooks;

    @Inject
    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Operation(summary = "List the client's webhooks")
    public List<WebhookDtos.Webhook> list(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return webhooks.list(caller, Callers.clientId(caller, clientId)).stream().map(WebhookDtos.Webhook::of)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook (url, secret, event_types)")
    public Response create(@Context SecurityContext security, @Context UriInfo uri,
                           @PathParam("client_id") String clientId,
                           @NotNull(message = "a JSON body is required") WebhookDtos.WebhookInput body) {
        ApiCaller caller = Callers.of(security);
        WebhookDtos.Webhook created = WebhookDtos.Webhook.of(webhooks.create(caller,
                Callers.clientId(caller, clientId), body.url(), body.secret(), body.eventTypes()));
        URI location = uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build();
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("{webhook_id}")
    @Operation(summary = "Get one webhook")
    public WebhookDtos.Webhook get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                   @PathParam("webhook_id") long id) {
        ApiCaller caller = Callers.of(security);
        return WebhookDtos.Webhook.of(webhooks.get(caller, Callers.clientId(caller, clientId), id));
    }

    @PUT
    @Path("{webhook_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a webhook's url, secret and event_types")
    public WebhookDtos.Webhook update(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                      @PathParam("webhook_id") long id,
                                      @NotNull(message = "a JSON body is required") WebhookDtos.WebhookInput body) {
        ApiCaller caller = Callers.of(security);
        return WebhookDtos.Webhook.of(webhooks.update(caller, Callers.clientId(caller, clientId), id, body.url(),
                body.secret(), body.eventTypes()));
    }

    @DELETE
    @Path("{webhook_id}")
    @Operation(summary = "Delete a webhook (its pending deliveries are dropped)")
    public Response delete(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @PathParam("webhook_id") long id) {
        ApiCaller caller = Callers.of(security);
        webhooks.delete(caller, Callers.clientId(caller, clientId), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{webhook_id}/deliveries")
    @Operation(summary = "The webhook's delivery log, newest first")
    public List<WebhookDtos.Delivery> deliveries(@Context SecurityContext security,
                                                 @PathParam("client_id") String clientId,
                                                 @PathParam("webhook_id") long id,
                                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        ApiCaller caller = Callers.of(security);
        return webhooks.deliveries(caller, Callers.clientId(caller, clientId), id, limit).stream()
                .map(WebhookDtos.Delivery::of).toList();
    }
}
