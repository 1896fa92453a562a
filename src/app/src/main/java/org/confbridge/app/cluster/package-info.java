/**
 * Many conference nodes behind one SIP load balancer (Kamailio) with one shared database.
 *
 * <p>A conference is owned by exactly one node while it runs: the first node that takes a caller claims it
 * in the shared database ({@link org.confbridge.app.cluster.ClusterStore#claim}: one atomic insert, or a
 * take-over of a claim whose lease expired), renews the lease with every heartbeat and deletes the claim
 * when the conference ends. A node that receives a caller of a conference another live node owns answers
 * with a redirect to that node ({@link org.confbridge.app.cluster.CallRoute}); REST live actions are
 * forwarded to the owner the same way. A draining node starts no conference, keeps its running ones and
 * stops by itself when they are over. With {@code cluster.enabled} off (the default) nothing here touches
 * the database and every call is served locally, as on a single server.
 */
package org.confbridge.app.cluster;
