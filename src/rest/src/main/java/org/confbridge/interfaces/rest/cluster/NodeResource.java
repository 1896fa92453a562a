package org.confbridge.interfaces.rest.cluster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.cluster.ClusterService;
import org.confbridge.interfaces.rest.ErrorBody;

/**
 * {@code /api/ver1.0/node}: the node that answers (administrators only). {@code POST .../drain} puts it in
 * drain: it starts no new conference (callers of new conferences go to other nodes), its running
 * conferences go on and their callers still reach it, and it stops by itself when the last call is over.
 */
@Path("ver1.0/node")
@Tag(name = "node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @GET
    @Operation(summary = "This node: its id, whether it is draining, and the cluster view (administrators)")
    public Response get(@Context SecurityContext security) {
        if (!security.isUserInRole("administrator")) {
            return forbidden();
        }
        return Response.ok(NodeView.of(ClusterBean.get())).build();
    }

    @POST
    @Path("drain")
    @Operation(summary = "Drain this node: no new conferences, running ones go on, then it stops by itself"
            + " (administrators; 409 when not part of a cluster)")
    public Response drain(@Context SecurityContext security) {
        if (!security.isUserInRole("administrator")) {
            return forbidden();
        }
        ClusterService cluster = ClusterBean.get();
        if (!cluster.settings().enabled()) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of("not_clustered", "this server is not part of a cluster"
                            + " (CONF_CLUSTER_ENABLED): stop it instead")).build();
        }
        cluster.drain();
        return Response.accepted(NodeView.of(cluster)).build();
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of("forbidden", "only the administrator application may do this")).build();
    }
}
