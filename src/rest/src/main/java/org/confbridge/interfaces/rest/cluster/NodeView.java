package org.confbridge.interfaces.rest.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.confbridge.app.cluster.ClusterNode;
import org.confbridge.app.cluster.ClusterService;

/**
 * This node and, when it is part of a cluster, the cluster as the shared database sees it (in the health
 * check and {@code GET /api/ver1.0/node}).
 *
 * @param cluster absent on a single server; its {@code error} names why the view is missing (database down)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeView(String id, boolean draining, Cluster cluster) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cluster(@JsonProperty("nodes_alive") Integer nodesAlive, List<Node> nodes, String error) {
    }

    public record Node(String id, @JsonProperty("sip_address") String sipAddress,
                       @JsonProperty("http_address") String httpAddress, boolean alive, boolean draining,
                       @JsonProperty("conferences_owned") int conferencesOwned) {
    }

    public static NodeView of(ClusterService service) {
        if (!service.settings().enabled()) {
            return new NodeView(service.settings().nodeId(), false, null);
        }
        Cluster cluster;
        try {
            List<Node> nodes = service.nodes().stream().map(NodeView::node).toList();
            cluster = new Cluster((int) nodes.stream().filter(Node::alive).count(), nodes, null);
        } catch (RuntimeException e) {
            cluster = new Cluster(null, null, "cluster view unavailable: " + e.getMessage());
        }
        return new NodeView(service.settings().nodeId(), service.isDraining(), cluster);
    }

    private static Node node(ClusterNode n) {
        return new Node(n.nodeId(), n.sipAddress(), n.httpAddress(), n.alive(), n.draining(), n.conferences());
    }
}
