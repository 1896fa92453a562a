package org.confbridge.app.cluster;

/**
 * {@link ClusterService#routeCall} without the EJB container in between ({@link ClusterService#router()}): for
 * the SIP side, which routes every new call. The bean has no lock, transaction or interceptor for it to skip.
 */
@FunctionalInterface
public interface CallRouter {

    /** As {@link ClusterService#routeCall}. */
    CallRoute routeCall(long extensionId);
}
