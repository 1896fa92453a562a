package org.confbridge.interfaces.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.servlet.ServletContext;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipURI;
import org.confbridge.app.live.ListeningPoints;
import org.confbridge.app.live.SipListeningPoint;

/**
 * Tells the application where the SIP container listens, read each time from the container's
 * standard {@code javax.servlet.sip.outboundInterfaces} attribute (JSR 289), so the health check
 * reports what is really bound.
 */
public class ContainerListeningPoints implements SipServletListener {

    static final String OUTBOUND_INTERFACES = "javax.servlet.sip.outboundInterfaces";

    @Override
    public void servletInitialized(SipServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Supplier<List<SipListeningPoint>> view = () -> read(context);
        ApplicationBeans.lookup(ListeningPoints.class, "ListeningPoints").readFrom(view);
    }

    static List<SipListeningPoint> read(ServletContext context) {
        List<SipListeningPoint> points = new ArrayList<>();
        Object interfaces = context.getAttribute(OUTBOUND_INTERFACES);
        if (interfaces instanceof List<?>) {
            for (Object uri : (List<?>) interfaces) {
                if (uri instanceof SipURI) {
                    SipURI sipUri = (SipURI) uri;
                    String transport = sipUri.getTransportParam() == null ? "udp"
                            : sipUri.getTransportParam().toLowerCase(Locale.ROOT);
                    points.add(new SipListeningPoint(transport, sipUri.getHost(), sipUri.getPort()));
                }
            }
        }
        return points;
    }
}
