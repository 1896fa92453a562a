package org.confbridge.interfaces.rest.health;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.confbridge.app.live.DatabaseHealth;
import org.confbridge.app.live.DatabaseStatus;
import org.confbridge.app.live.ListeningPoints;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.live.SipListeningPoint;
import org.confbridge.interfaces.rest.PublicEndpoint;

/**
 * {@code GET /api/ver1.0/health}: 200 when SIP listens and the database answers, 503 otherwise,
 * with the details in either case.
 */
@Path("ver1.0/health")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private static final String BEANS = "java:global/confbridge/confbridge-app/";

    @GET
    public Response health() {
        List<ListeningPoint> sip = listeningPoints();
        DatabaseHealth database = lookup(DatabaseStatus.class).check();
        int liveCalls = lookup(LiveConferences.class).callCount();
        boolean up = !sip.isEmpty() && database.up();
        HealthReport report = new HealthReport(up ? "UP" : "DOWN", sip,
                new HealthReport.Database(database.up() ? "UP" : "DOWN", database.product(),
                        database.responseMillis(), database.error()),
                liveCalls, ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(report).build();
    }

    private static List<ListeningPoint> listeningPoints() {
        List<ListeningPoint> points = new ArrayList<>();
        for (SipListeningPoint point : lookup(ListeningPoints.class).current()) {
            points.add(new ListeningPoint(point.transport(), point.address(), point.port()));
        }
        return points;
    }

    private static <T> T lookup(Class<T> bean) {
        try {
            return bean.cast(new InitialContext().lookup(BEANS + bean.getSimpleName() + "!" + bean.getName()));
        } catch (NamingException e) {
            throw new IllegalStateException("EJB " + bean.getSimpleName() + " not deployed", e);
        }
    }
}
