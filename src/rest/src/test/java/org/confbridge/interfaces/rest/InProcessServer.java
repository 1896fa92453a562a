package org.confbridge.interfaces.rest;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import javax.ejb.embeddable.EJBContainer;
import javax.naming.Context;
import org.confbridge.app.ConferenceDirectory;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The API as the web module serves it, without the SIP container: the real EJB module in embedded
 * OpenEJB on an in-memory H2 (migrated by Flyway), Jersey with the same provider packages mounted
 * at {@code /api} and {@code /oauth} on the JDK HTTP server, on a free loopback port.
 */
public final class InProcessServer implements AutoCloseable {

    private final EJBContainer ejb;
    private final HttpServer http;

    private InProcessServer(EJBContainer ejb, HttpServer http) {
        this.ejb = ejb;
        this.http = http;
    }

    public static InProcessServer start(String jdbcUrl) {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, "org.apache.openejb.core.LocalInitialContextFactory");
        Map<String, Object> props = new HashMap<>();
        props.put("jdbc/confbridge", "new://Resource?type=DataSource");
        props.put("jdbc/confbridge.JdbcDriver", jdbcUrl.startsWith("jdbc:h2") ? "org.h2.Driver" : "org.postgresql.Driver");
        props.put("jdbc/confbridge.JdbcUrl", jdbcUrl);
        props.put("jdbc/confbridge.JtaManaged", "true");
        props.put(EJBContainer.MODULES, appModule());
        EJBContainer ejb = EJBContainer.createEJBContainer(props);
        try {
            URI base = new URI("http://127.0.0.1:0/api/");
            HttpServer http = JdkHttpServerFactory.createHttpServer(base, config(), false);
            JdkHttpHandlerContainer oauth = ContainerFactory.createContainer(JdkHttpHandlerContainer.class, config());
            http.createContext("/oauth", oauth);
            http.start();
            return new InProcessServer(ejb, http);
        } catch (URISyntaxException e) {
            ejb.close();
            throw new IllegalStateException(e);
        }
    }

    private static ResourceConfig config() {
        return new ResourceConfig().packages("org.confbridge.interfaces.rest");
    }

    private static File appModule() {
        try {
            return new File(ConferenceDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        ejb.close();
    }
}
