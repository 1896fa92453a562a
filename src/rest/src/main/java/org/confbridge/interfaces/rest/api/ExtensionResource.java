package org.confbridge.interfaces.rest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.inject.Inject;
import javax.validation.Valid;
import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ExtensionService;
import org.confbridge.interfaces.rest.Callers;

/**
 * Extensions. {@code name} is the dialable number (digits, unique per client: 409 on a duplicate).
 * Deleting a conference with participants in it is refused with 409 (calls are never cut by a
 * configuration change; end them or wait until the conference is empty).
 */
@Path("ver1.0/client/{client_id}/extension")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "extension")
@SecurityRequirement(name = "oauth2")
public class ExtensionResource {

    private final ExtensionService extensions;

    @Inject
    public ExtensionResource(ExtensionService extensions) {
        this.extensions = extensions;
    }

    @GET
    @Operation(summary = "List extensions")
    public List<Dtos.Extension> list(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return extensions.list(caller, Callers.clientId(caller, clientId)).stream().map(Dtos.Extension::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an extension (a conference starts with the default properties)")
    public Response create(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @NotNull(message = "a JSON body is required") @Valid Dtos.ExtensionCreate body) {
        ApiCaller caller = Callers.of(security);
        Dtos.Extension created = Dtos.Extension.of(extensions.create(caller, Callers.clientId(caller, clientId),
                body.name(), body.type(), body.label()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{extension_id}")
    @Operation(summary = "Get an extension")
    public Dtos.Extension get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                              @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Extension.of(extensions.get(caller, Callers.clientId(caller, clientId), extensionId));
    }

    @PUT
    @Path("{extension_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an extension (fields left out stay; an empty label clears it)")
    public Dtos.Extension update(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                 @PathParam("extension_id") long extensionId,
                                 @NotNull(message = "a JSON body is required") @Valid Dtos.ExtensionUpdate body) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Extension.of(extensions.update(caller, Callers.clientId(caller, clientId), extensionId,
                body.name(), body.type(), body.label()));
    }

    @DELETE
    @Path("{extension_id}")
    @Operation(summary = "Delete an extension (409 while its conference has participants)")
    public Response delete(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        extensions.delete(caller, Callers.clientId(caller, clientId), extensionId);
        return Response.noContent().build();
    }
}
