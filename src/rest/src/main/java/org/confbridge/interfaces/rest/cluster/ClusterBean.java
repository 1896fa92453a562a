package org.confbridge.interfaces.rest.cluster;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.confbridge.app.cluster.ClusterService;

/** The application's {@link ClusterService}, looked up once by its portable JNDI name. */
public final class ClusterBean {

    private static final String NAME = "java:global/confbridge/confbridge-app/ClusterService!" + ClusterService.class.getName();
    private static volatile ClusterService bean;

    private ClusterBean() {
    }

    public static ClusterService get() {
        ClusterService found = bean;
        if (found == null) {
            try {
                found = (ClusterService) new InitialContext().lookup(NAME);
            } catch (NamingException e) {
                throw new IllegalStateException("EJB ClusterService not deployed", e);
            }
            bean = found;
        }
        return found;
    }
}
