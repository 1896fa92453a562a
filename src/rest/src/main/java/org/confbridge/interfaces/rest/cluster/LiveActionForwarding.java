package org.confbridge.interfaces.rest.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.Provider;
import org.confbridge.interfaces.rest.ErrorBody;
import org.confbridge.interfaces.rest.api.ConferenceResource;
import org.confbridge.interfaces.rest.live.LiveConferenceResource;

/**
 * Cluster: a live action on one conference (view, mute, kick, lock, invite, ...), and a change of its properties
 * (which a running conference takes at once), is carried out by the node that runs it. When that is another live node, the request is sent on to it as it came (method, path,
 * query, body, bearer token: tokens live in the shared database) and its answer is the answer. Runs after
 * authentication, so strangers are refused here; a forwarded request is never forwarded again.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class LiveActionForwarding implements ContainerRequestFilter {

    /** Marks a request one node sent to another (the receiver serves it, whatever it believes). */
    static final String FORWARDED_BY = "X-Confbridge-Forwarded-By";
    private static final Logger LOG = Logger.getLogger(LiveActionForwarding.class.getName());

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Class<?> resource = resourceInfo.getResourceClass();
        // a change of a conference's properties also reaches its running conference only on its owner
        boolean propertiesWrite = resource == ConferenceResource.class && !HttpMethod.GET.equals(request.getMethod())
                && !HttpMethod.HEAD.equals(request.getMethod());
        if (resource != LiveConferenceResource.class && !propertiesWrite
                || request.getHeaderString(FORWARDED_BY) != null) {
            return;
        }
        String extension = request.getUriInfo().getPathParameters().getFirst("extension_id");
        if (extension == null || !extension.chars().allMatch(Character::isDigit) || extension.length() > 18) {
            return;
        }
        Optional<String> owner;
        try {
            owner = ClusterBean.get().remoteOwner(Long.parseLong(extension));
        } catch (IllegalStateException noCluster) {
            return; // the REST API deployed without the cluster service (in-process API tests): nothing to forward to
        }
        if (owner.isPresent()) {
            request.abortWith(forward(request, owner.get()));
        }
    }

    private static Response forward(ContainerRequestContext request, String owner) throws IOException {
        URI incoming = request.getUriInfo().getRequestUri();
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        HttpRequest.Builder out = NodeHttp.sameRequestTo(owner, request, ClusterBean.get().settings().nodeId(),
                        HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT)
                .timeout(Duration.ofSeconds(10))
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> answer = NodeHttp.client().send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(response::type);
            answer.headers().firstValue(HttpHeaders.LOCATION).ifPresent(location -> response.header(HttpHeaders.LOCATION, location));
            return response.build();
        } catch (IOException e) {
            LOG.warning(() -> "cannot forward " + request.getMethod() + " " + incoming.getRawPath() + " to " + owner
                    + ": " + e);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "2")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of("owner_unreachable", "the node that runs this conference did not answer"))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
