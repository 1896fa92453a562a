package org.confbridge.interfaces.rest.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.cluster.ClusterNode;
import org.confbridge.app.cluster.ClusterService;
import org.confbridge.interfaces.rest.JsonConfig;
import org.confbridge.interfaces.rest.live.LiveConferenceResource;

/**
 * Cluster: the client-wide list of live conferences ({@code GET .../live}) shows the conferences of every
 * live node. The node asked adds its own list to those of the other live nodes, asked in parallel with the
 * caller's token for at most {@link #ASK_TIMEOUT}; each conference names its {@code node}, a conference is
 * listed once. Nodes that did not answer are named in {@link #MISSING_NODES} (a partial list). A request
 * another node sent is answered with this node's own conferences only, so nothing fans out twice.
 */
@Provider
@Priority(Priorities.USER)
public class LiveListGathering implements ContainerResponseFilter {

    /** Present on a partial list: the ids of the live nodes that did not answer in time, comma separated. */
    public static final String MISSING_NODES = "X-Confbridge-Missing-Nodes";
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(LiveListGathering.class.getName());
    private static final ObjectMapper JSON = JsonConfig.create();

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (resourceInfo.getResourceClass() != LiveConferenceResource.class || resourceInfo.getResourceMethod() == null
                || !"list".equals(resourceInfo.getResourceMethod().getName()) || response.getStatus() != 200) {
            return;
        }
        ClusterService cluster = ClusterBean.get();
        if (!cluster.settings().enabled()) {
            return;
        }
        String me = cluster.settings().nodeId();
        ArrayNode merged = JSON.createArrayNode();
        Set<Long> listed = new HashSet<>();
        add(merged, listed, JSON.valueToTree(response.getEntity()), me);
        List<ClusterNode> others;
        try {
            others = cluster.nodes().stream().filter(n -> n.alive() && !n.nodeId().equals(me)).toList();
        } catch (RuntimeException e) {
            LOG.warning(() -> "live list: cluster view unavailable, answering with this node's conferences: " + e);
            response.getHeaders().putSingle(MISSING_NODES, "*");
            response.setEntity(merged, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
            return;
        }
        String sender = request.getHeaderString(LiveActionForwarding.FORWARDED_BY);
        if (sender == null || others.stream().noneMatch(n -> n.nodeId().equals(sender))) {
            List<String> missing = gather(request, others, me, merged, listed);
            if (!missing.isEmpty()) {
                response.getHeaders().putSingle(MISSING_NODES, String.join(",", missing));
            }
        }
        response.setEntity(merged, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    /** Asks every other live node at once; adds their conferences and answers the ids of those that failed. */
    private static List<String> gather(ContainerRequestContext request, List<ClusterNode> others, String me,
                                       ArrayNode merged, Set<Long> listed) {
        Map<ClusterNode, CompletableFuture<HttpResponse<byte[]>>> asked = new LinkedHashMap<>();
        for (ClusterNode node : others) {
            HttpRequest.Builder ask = NodeHttp.sameRequestTo(node.httpAddress(), request, me)
                    .timeout(ASK_TIMEOUT).GET()
                    .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
            asked.put(node, NodeHttp.client().sendAsync(ask.build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<ClusterNode, CompletableFuture<HttpResponse<byte[]>>> answer : asked.entrySet()) {
            ClusterNode node = answer.getKey();
            try {
                HttpResponse<byte[]> response = answer.getValue().join();
                if (response.statusCode() != 200) {
                    throw new IOException("status " + response.statusCode());
                }
                add(merged, listed, JSON.readTree(response.body()), node.nodeId());
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "live list: node " + node.nodeId() + " (" + node.httpAddress() + ") left out: " + e);
                missing.add(node.nodeId());
            }
        }
        return missing;
    }

    private static void add(ArrayNode merged, Set<Long> listed, JsonNode conferences, String node) throws IOException {
        if (conferences == null || !conferences.isArray()) {
            throw new IOException("not a list of conferences");
        }
        for (JsonNode conference : conferences) {
            if (conference instanceof ObjectNode object && listed.add(object.path("extension_id").asLong())) {
                if (!object.hasNonNull("node")) {
                    object.put("node", node);
                }
                merged.add(object);
            }
        }
    }
}
