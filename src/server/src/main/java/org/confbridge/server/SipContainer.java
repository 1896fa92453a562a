package org.confbridge.server;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardServer;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Constants;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.mobicents.servlet.sip.SipConnector;
import org.mobicents.servlet.sip.startup.SipContextConfig;
import org.mobicents.servlet.sip.startup.SipProtocolHandler;
import org.mobicents.servlet.sip.startup.SipStandardContext;
import org.mobicents.servlet.sip.startup.SipStandardEngine;
import org.mobicents.servlet.sip.startup.SipStandardHost;
import org.mobicents.servlet.sip.startup.SipStandardService;

/**
 * Restcomm SIP Servlets on Tomcat 7, built in code the way its server.xml would declare it:
 * one SIP service with UDP + TCP SIP connectors (and TLS on its own port), an HTTP connector, one host, and the
 * converged
 * context at "/". The stack and the default application router read their files relative to
 * {@code catalina.base} (conf/mss-sip-stack.properties, conf/dars/mobicents-dar.properties).
 */
final class SipContainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipContainer.class.getName());

    static final List<String> SIP_TRANSPORTS = List.of("udp", "tcp");
    static final String TLS = "tls";

    private final StandardServer server;
    private final SipStandardService service;
    private final Connector http;
    private final SipStandardContext context;

    private SipContainer(StandardServer server, SipStandardService service, Connector http, SipStandardContext context) {
        this.server = server;
        this.service = service;
        this.http = http;
        this.context = context;
    }

    static SipContainer start(ServerSettings settings, Path catalinaBase, EarDeployment application)
            throws LifecycleException {
        System.setProperty("catalina.base", catalinaBase.toString());
        System.setProperty("catalina.home", catalinaBase.toString());
        // The spec's fallback lookup of the application router fails on Java 9+.
        System.setProperty("javax.servlet.sip.ar.spi.SipApplicationRouterProvider",
                "org.mobicents.servlet.sip.router.DefaultApplicationRouterProvider");
        // A connector that cannot initialise (e.g. HTTP port taken) must fail the start, not be logged and skipped.
        System.setProperty("org.apache.catalina.startup.EXIT_ON_INIT_FAILURE", "true");

        StandardServer server = new StandardServer();
        server.setPort(-1); // no shutdown port: the process is stopped by signal
        SipStandardService service = new SipStandardService();
        service.setName("confbridge");
        service.setSipApplicationDispatcherClassName("org.mobicents.servlet.sip.core.SipApplicationDispatcherImpl");
        service.setDarConfigurationFileLocation("conf/dars/mobicents-dar.properties");
        service.setSipStackPropertiesFile("conf/mss-sip-stack.properties");
        service.setSipPathName("org.mobicents.ext");
        service.setConcurrencyControlMode("SipApplicationSession");
        service.setUsePrettyEncoding(true);
        server.addService(service);

        for (String transport : SIP_TRANSPORTS) {
            service.addConnector(sipConnector(settings, transport, settings.sipPort()));
        }
        if (settings.sipTlsPort() != 0) {
            service.addConnector(sipConnector(settings, TLS, settings.sipTlsPort()));
        }
        Connector http = httpConnector(settings);
        service.addConnector(http);

        SipStandardEngine engine = new SipStandardEngine();
        engine.setName("confbridge");
        engine.setDefaultHost("localhost");
        service.setContainer(engine);

        SipStandardHost host = new SipStandardHost();
        host.setName("localhost");
        host.setAppBase(catalinaBase.resolve("webapps").toString());
        host.setAutoDeploy(false);
        host.setDeployOnStartup(false);
        engine.addChild(host);

        SipStandardContext context = convergedContext(application.webModule(), application.contextPath(),
                application.classLoader());
        host.addChild(context);

        server.init();
        server.start();
        return new SipContainer(server, service, http, context);
    }

    /**
     * Non-blocking HTTP: a connection waiting for the rest of its request holds no thread, a client that
     * sends nothing for {@code http.timeout.ms} is dropped (headers and body alike), and at most
     * {@code http.max.connections} are open at once (slowloris-style clients cannot starve the REST API).
     */
    private static Connector httpConnector(ServerSettings settings) {
        Connector http = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        http.setPort(settings.httpPort());
        String timeout = String.valueOf(settings.number("http.timeout.ms", 100, 600_000));
        http.setAttribute("address", settings.bindAddress());
        http.setAttribute("bindOnInit", "true");
        http.setAttribute("connectionTimeout", timeout);
        http.setAttribute("keepAliveTimeout", timeout);
        http.setAttribute("disableUploadTimeout", "false");
        http.setAttribute("connectionUploadTimeout", timeout);
        http.setAttribute("maxConnections", String.valueOf(settings.number("http.max.connections", 1, 1_000_000)));
        http.setAttribute("maxThreads", String.valueOf(settings.number("http.max.threads", 2, 10_000)));
        // Threads are added as requests come (up to maxThreads) and end after a minute unused; an idle server
        // keeps two rather than Tomcat's ten.
        http.setAttribute("minSpareThreads", "2");
        http.setAttribute("acceptCount", "100");
        http.setAttribute("maxHttpHeaderSize", "8192");
        http.setAttribute("maxKeepAliveRequests", "1000");
        http.setAttribute("server", "confbridge");
        return http;
    }

    private static Connector sipConnector(ServerSettings settings, String transport, int port) {
        Connector connector = new Connector(SipProtocolHandler.class.getName());
        connector.setPort(port);
        connector.setProperty("ipAddress", settings.bindAddress());
        connector.setProperty("signalingTransport", transport);
        return connector;
    }

    private static SipStandardContext convergedContext(Path docBase, String contextPath, ClassLoader applicationLoader) {
        SipStandardContext context = new SipStandardContext();
        context.setName("confbridge");
        context.setPath(contextPath);
        context.setDocBase(docBase.toString());
        context.setParentClassLoader(applicationLoader);
        // The web module's own classes (WEB-INF/classes) load here; the EAR's libraries and EJB module from the
        // parent, the application class loader (parent first: the container's APIs must not be loaded twice).
        WebappLoader loader = new WebappLoader(applicationLoader);
        loader.setDelegate(true);
        context.setLoader(loader);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        context.setManager(new SipSessionManager());
        // Tomcat 7's cleaner of ObjectStreamClass caches fails on Java 17 (ClassCastException at every stop);
        // the application's classes are not reloaded in this JVM, so there is nothing to clear.
        context.setClearReferencesObjectStreamClassCaches(false);
        SipContextConfig config = new SipContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml);
        context.addLifecycleListener(config);
        return context;
    }

    /** Problems with the listening points; empty when every expected one is up. */
    List<String> listeningProblems(ServerSettings settings) {
        List<String> problems = new ArrayList<>();
        if (http.getState() != LifecycleState.STARTED) {
            problems.add("HTTP " + settings.bindAddress() + ":" + settings.httpPort() + " is not listening ("
                    + http.getState() + ")");
        }
        if (context.getState() != LifecycleState.STARTED) {
            problems.add("the confbridge application did not start (" + context.getState() + "), see the log above");
        }
        return problems;
    }

    SipConnector[] sipConnectors() {
        return service.findSipConnectors();
    }

    javax.servlet.ServletContext servletContext() {
        return context.getServletContext();
    }

    @Override
    public void close() throws LifecycleException {
        LOG.info("Stopping SIP and HTTP connectors");
        try {
            server.stop();
        } finally {
            server.destroy();
        }
    }
}
