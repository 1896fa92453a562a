package org.confbridge.server;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.ejb.embeddable.EJBContainer;
import javax.naming.Context;
import javax.naming.NamingException;

/**
 * OpenEJB embedded: deploys the EJB module (confbridge-app) with the {@code jdbc/confbridge} JTA
 * datasource. Started before the SIP container so servlets and REST resources find the beans.
 */
final class EjbContainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EjbContainer.class.getName());

    /** JNDI name of the datasource the persistence unit uses (see confbridge-app's persistence.xml). */
    static final String DATASOURCE = "jdbc/confbridge";

    /** The application name beans are bound under: java:global/confbridge/... */
    static final String APP_NAME = "confbridge";

    private final EJBContainer container;

    private EjbContainer(EJBContainer container) {
        this.container = container;
    }

    /**
     * Deploys the EAR's EJB module. The thread context class loader is the application's while the container
     * builds the module, so the beans, their libraries and the persistence unit come from the EAR.
     */
    static EjbContainer start(ServerSettings settings, ConfigDirectory config, EarDeployment application) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application.classLoader());
        try {
            return start(settings, config, application.ejbModule().toFile());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static EjbContainer start(ServerSettings settings, ConfigDirectory config, File ejbModule) {
        Map<String, Object> properties = new HashMap<>();
        Properties fromFile = config.properties("openejb.properties");
        for (String key : fromFile.stringPropertyNames()) {
            properties.put(key, fromFile.getProperty(key));
        }
        properties.put(EJBContainer.APP_NAME, APP_NAME);
        // The check OpenEJB makes on every EJB call answers without a shared lock (see the class).
        properties.put("openejb.permission-collection.class", ConcurrentPermissionCollection.class.getName());
        properties.put(EJBContainer.MODULES, new File[] {ejbModule});
        properties.put(DATASOURCE, "new://Resource?type=DataSource");
        properties.put(DATASOURCE + ".JdbcUrl", settings.databaseUrl());
        properties.put(DATASOURCE + ".JdbcDriver", driverFor(settings.databaseUrl()));
        properties.put(DATASOURCE + ".UserName", settings.databaseUser());
        properties.put(DATASOURCE + ".Password", settings.databasePassword());
        properties.put(DATASOURCE + ".JtaManaged", "true");
        // A connection the database closed (H2 after a failed write, PostgreSQL restarted) is dropped, not
        // handed out again; nobody waits forever for a connection of a full pool.
        properties.put(DATASOURCE + ".TestOnBorrow", "true");
        properties.put(DATASOURCE + ".ValidationQuery", "SELECT 1");
        properties.put(DATASOURCE + ".MaxWaitTime", "5000");
        LOG.info(() -> "Starting EJB container (module " + ejbModule.getName() + ", database "
                + redacted(settings.databaseUrl()) + ")");
        return new EjbContainer(EJBContainer.createEJBContainer(properties));
    }

    static String driverFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new ConfigurationException("CONF_DB_URL must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) URL, got "
                + redacted(jdbcUrl));
    }

    /** JDBC URLs may carry a password parameter: never log it. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    Context context() {
        return container.getContext();
    }

    Object lookup(String name) throws NamingException {
        return container.getContext().lookup(name);
    }

    @Override
    public void close() {
        container.close();
    }
}
