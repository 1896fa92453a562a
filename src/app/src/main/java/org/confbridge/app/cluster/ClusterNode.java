package org.confbridge.app.cluster;

/**
 * One node as the shared database knows it.
 *
 * @param alive       its heartbeat is more recent than one lease
 * @param conferences conferences it owns (claims with a lease not yet expired)
 */
public record ClusterNode(String nodeId, String sipAddress, String httpAddress, boolean alive, boolean draining,
                          int conferences) {
}
