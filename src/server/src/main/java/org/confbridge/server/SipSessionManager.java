package org.confbridge.server;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import org.mobicents.servlet.sip.core.session.SipStandardManager;

/**
 * The SIP container's session manager, fitted to Tomcat 7.0.68+.
 *
 * <p>Restcomm 3.2.0-37 was compiled against Tomcat 7.0.67, whose session manager base class was a
 * {@link PropertyChangeListener}; its {@code setContainer} still registers itself as one on the context.
 * Newer Tomcat 7 dropped that interface (the manager reads the context's session timeout directly),
 * so the registration fails with an ArrayStoreException unless the manager implements it again.
 * No property change needs handling any more.
 */
final class SipSessionManager extends SipStandardManager implements PropertyChangeListener {

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        // Tomcat 7.0.68+ takes the session timeout from the context itself.
    }

    /** The container still sets the timeout here; Tomcat 7.0.68+ ignores it with a warning. Nothing to do. */
    @Override
    @SuppressWarnings("deprecation")
    public void setMaxInactiveInterval(int interval) {
        // the context's session timeout (web.xml) applies
    }
}
