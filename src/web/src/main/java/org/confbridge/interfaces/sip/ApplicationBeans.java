package org.confbridge.interfaces.sip;

import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the EJBs of the application through their portable global JNDI names
 * ({@code java:global/<app>/<module>/<bean>}), so the same module works in the embedded server
 * and on an application server that deploys the EAR.
 */
public final class ApplicationBeans {

    /** Application and EJB module names as the EAR and the embedded server deploy them. */
    private static final List<String> PREFIXES = List.of(
            "java:global/confbridge/confbridge-app/",
            "java:global/confbridge-app/");

    private ApplicationBeans() {
    }

    /** Looks up the bean's no-interface or business view of type {@code view}. */
    public static <T> T lookup(Class<T> view, String beanName) {
        NamingException last = null;
        for (String prefix : PREFIXES) {
            for (String name : List.of(prefix + beanName + "!" + view.getName(), prefix + beanName)) {
                try {
                    return view.cast(new InitialContext().lookup(name));
                } catch (NamingException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("EJB " + beanName + " (" + view.getName() + ") not found in JNDI", last);
    }
}
