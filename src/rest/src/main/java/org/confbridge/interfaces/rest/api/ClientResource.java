package org.confbridge.interfaces.rest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.inject.Inject;
import javax.validation.Valid;
import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
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
import org.confbridge.app.ClientService;
import org.confbridge.interfaces.rest.Callers;

/** Clients (tenants): everyone reads their own; administrators list and create them. */
@Path("ver1.0/client")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "client")
@SecurityRequirement(name = "oauth2")
public class ClientResource {

    private final ClientService clients;

    @Inject
    public ClientResource(ClientService clients) {
        this.clients = clients;
    }

    @GET
    @Operation(summary = "List clients (administrators: all; others: their own)")
    public List<Dtos.Client> list(@Context SecurityContext security) {
        return clients.list(Callers.of(security)).stream().map(Dtos.Client::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a client (administrators only)")
    public Response create(@Context SecurityContext security, @NotNull(message = "a JSON body is required")
                           @Valid Dtos.ClientCreate body) {
        Dtos.Client created = Dtos.Client.of(clients.create(Callers.of(security), body.name(), body.sipDomain()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{client_id}")
    @Operation(summary = "Get a client (@me = your own)")
    public Dtos.Client get(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Client.of(clients.get(caller, Callers.clientId(caller, clientId)));
    }
}
