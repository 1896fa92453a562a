package org.confbridge.app.cluster;

/**
 * What a node does with a new caller of a conference: serve it here, send it to the owner, or refuse it
 * so that the load balancer tries another node.
 *
 * @param target {@code host:port} of the owner node ({@link Kind#REDIRECT} only)
 */
public record CallRoute(Kind kind, String target) {

    public enum Kind { LOCAL, REDIRECT, REFUSE }

    public static final CallRoute LOCAL = new CallRoute(Kind.LOCAL, null);
    /** This node is draining and the conference runs nowhere: another node must start it. */
    public static final CallRoute REFUSE = new CallRoute(Kind.REFUSE, null);

    public static CallRoute redirectTo(String sipAddress) {
        return new CallRoute(Kind.REDIRECT, sipAddress);
    }
}
