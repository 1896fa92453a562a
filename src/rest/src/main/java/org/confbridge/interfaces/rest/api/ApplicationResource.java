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
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ApplicationService;
import org.confbridge.interfaces.rest.Callers;

/** API applications (OAuth clients) of a client: list, create (secret shown once), revoke. */
@Path("ver1.0/client/{client_id}/application")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "application")
@SecurityRequirement(name = "oauth2")
public class ApplicationResource {

    private final ApplicationService applications;

    @Inject
    public ApplicationResource(ApplicationService applications) {
        this.applications = applications;
    }

    @GET
    @Operation(summary = "List applications")
    public List<Dtos.Application> list(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return applications.list(caller, Callers.clientId(caller, clientId)).stream()
                .map(Dtos.Application::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an application; the answer holds its client_secret, shown only this once")
    public Response create(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @NotNull(message = "a JSON body is required") @Valid Dtos.ApplicationCreate body) {
        ApiCaller caller = Callers.of(security);
        Dtos.Application created = Dtos.Application.of(applications.create(caller,
                Callers.clientId(caller, clientId), body.name(), Boolean.TRUE.equals(body.administrator())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{application_id}")
    @Operation(summary = "Get an application")
    public Dtos.Application get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                @PathParam("application_id") long applicationId) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Application.of(applications.get(caller, Callers.clientId(caller, clientId), applicationId));
    }

    @DELETE
    @Path("{application_id}")
    @Operation(summary = "Revoke an application: its tokens stop working at once")
    public Dtos.Application revoke(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                   @PathParam("application_id") long applicationId) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Application.of(applications.revoke(caller, Callers.clientId(caller, clientId), applicationId));
    }
}
