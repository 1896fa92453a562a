package org.confbridge.interfaces.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ConferencePropertiesService;
import org.confbridge.interfaces.rest.Callers;

/**
 * Conference properties of a conference extension. PUT changes only the fields it names, an
 * explicit null resets one to its default; a refused PUT (400 naming each field) changes nothing.
 * Concurrent PUTs of one conference are written one batch at a time, in arrival order, so none is lost;
 * a new value applies at once to a running conference and to the next caller. One instance serves every
 * request (it holds nothing per request).
 */
@Path("ver1.0/client/{client_id}/extension/{extension_id}/conference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conference")
@SecurityRequirement(name = "oauth2")
@Singleton
public class ConferenceResource {

    private final ConferencePropertiesService properties;

    @Inject
    public ConferenceResource(ConferencePropertiesService properties) {
        this.properties = properties;
    }

    @GET
    @Operation(summary = "Get the conference properties")
    public ConferenceProperties get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                    @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        return ConferenceProperties.of(properties.get(caller, Callers.clientId(caller, clientId), extensionId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some conference properties",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = ConferenceProperties.class))))
    public ConferenceProperties update(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                       @PathParam("extension_id") long extensionId,
                                       @io.swagger.v3.oas.annotations.Parameter(hidden = true) JsonNode body) {
        ApiCaller caller = Callers.of(security);
        return ConferenceProperties.of(properties.update(caller, Callers.clientId(caller, clientId), extensionId,
                ConferencePatchReader.read(body)));
    }
}
