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
import org.confbridge.app.DataStoreGuard;
import org.confbridge.app.live.DatabaseHealth;
import org.confbridge.app.live.DatabaseStatus;
import org.confbridge.app.live.ListeningPoints;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.live.SipListeningPoint;
import org.confbridge.interfaces.rest.PublicEndpoint;
import org.confbridge.interfaces.rest.cluster.ClusterBean;
import org.confbridge.interfaces.rest.cluster.NodeView;

/**
 * {@code GET /api/ver1.0/health}: 200 when SIP listens, the database answers and the data disk has room
 * for writes, 503 otherwise (naming each problem in {@code problems}),
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
        DataStoreGuard.DiskState disk = lookup(DataStoreGuard.class).disk();
        int liveCalls = lookup(LiveConferences.class).callCount();
        List<String> problems = new ArrayList<>();
        if (sip.isEmpty()) {
            problems.add("SIP is not listening");
        }
        if (!database.up()) {
            problems.add("database unreachable: " + database.error());
        }
        if (!disk.ok()) {
            problems.add(disk.reason());
        }
        boolean up = problems.isEmpty();
        HealthReport report = new HealthReport(up ? "UP" : "DOWN", problems, sip,
                new HealthReport.Database(database.up() ? "UP" : "DOWN", database.product(),
                        database.responseMillis(), database.error()),
                new HealthReport.Disk(disk.ok() ? "UP" : "DOWN", disk.usableBytes(), disk.minFreeBytes(),
                        disk.reason()),
                liveCalls, ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString(),
                NodeView.of(ClusterBean.get()));
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
