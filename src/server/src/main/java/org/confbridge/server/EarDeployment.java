package org.confbridge.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The application as shipped: {@code confbridge.ear}, unpacked at every start into
 * {@code <data dir>/server/deploy/}, read as its {@code META-INF/application.xml} says (one EJB module, one
 * web module, the library directory). One application class loader holds the libraries and the EJB module
 * (the web module sees both, as in a Java EE server); its parent is the launcher's, which holds only the
 * containers, their APIs, the JDBC drivers and the JPA provider. Nothing of the application is on the
 * launcher's class path, so what runs is what the EAR holds.
 */
final class EarDeployment implements AutoCloseable {

    /** The EAR beside the launcher jar (the build copies ear/target/confbridge.ear there). */
    static final String DEFAULT_NAME = "confbridge.ear";

    private final Path ear;
    private final Path ejbModule;
    private final Path webModule;
    private final String contextRoot;
    private final List<Path> libraries;
    private final URLClassLoader classLoader;

    private EarDeployment(Path ear, Path ejbModule, Path webModule, String contextRoot, List<Path> libraries,
                          URLClassLoader classLoader) {
        this.ear = ear;
        this.ejbModule = ejbModule;
        this.webModule = webModule;
        this.contextRoot = contextRoot;
        this.libraries = libraries;
        this.classLoader = classLoader;
    }

    /** The EAR named by {@code ear.file} (CONF_EAR_FILE), else confbridge.ear beside the launcher jar. */
    static Path locate(ServerSettings settings) {
        Path ear = settings.get("ear.file").map(Path::of).orElseGet(EarDeployment::besideLauncher)
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(ear)) {
            throw new ConfigurationException("the application archive " + ear + " is missing (build it: mvn install,"
                    + " or name it with CONF_EAR_FILE)");
        }
        return ear;
    }

    private static Path besideLauncher() {
        try {
            Path launcher = Path.of(EarDeployment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return (Files.isDirectory(launcher) ? launcher.getParent() : launcher.resolveSibling("."))
                    .resolve(DEFAULT_NAME);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher", e);
        }
    }

    /** Unpacks {@code ear} into {@code deployDir} (emptied first) and builds the application class loader. */
    static EarDeployment unpack(Path ear, Path deployDir, ClassLoader containerLoader) throws IOException {
        deleteTree(deployDir);
        Path root = deployDir.resolve(ear.getFileName().toString());
        unzip(ear, root);
        Document application = parse(root.resolve("META-INF/application.xml"));
        String ejbUri = single(application, "ejb");
        String webUri = single(application, "web-uri");
        String contextRoot = single(application, "context-root");
        NodeList libraryDirectory = application.getElementsByTagNameNS("*", "library-directory");
        String lib = libraryDirectory.getLength() == 0 ? "lib" : libraryDirectory.item(0).getTextContent().trim();

        Path ejbModule = module(root, ejbUri);
        Path webArchive = module(root, webUri);
        Path webModule = deployDir.resolve(webArchive.getFileName() + ".unpacked");
        unzip(webArchive, webModule);

        List<Path> libraries = new ArrayList<>();
        Path libDir = root.resolve(lib);
        if (Files.isDirectory(libDir)) {
            try (Stream<Path> jars = Files.list(libDir)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(libraries::add);
            }
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : libraries) {
            urls.add(url(jar));
        }
        urls.add(url(ejbModule));
        URLClassLoader loader = new URLClassLoader("confbridge.ear", urls.toArray(new URL[0]), containerLoader);
        return new EarDeployment(ear, ejbModule, webModule, contextRoot, List.copyOf(libraries), loader);
    }

    private static Document parse(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigurationException("the EAR's META-INF/application.xml cannot be read: " + e.getMessage(), e);
        }
    }

    private static String single(Document document, String element) {
        NodeList nodes = document.getElementsByTagNameNS("*", element);
        if (nodes.getLength() != 1) {
            throw new ConfigurationException("the EAR's META-INF/application.xml must name exactly one <" + element
                    + ">, it names " + nodes.getLength());
        }
        return ((Element) nodes.item(0)).getTextContent().trim();
    }

    private static Path module(Path root, String uri) {
        Path module = root.resolve(uri).normalize();
        if (!module.startsWith(root) || !Files.isRegularFile(module)) {
            throw new ConfigurationException("the EAR has no module " + uri);
        }
        return module;
    }

    private static void unzip(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new ConfigurationException(archive + " has an entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path ear() {
        return ear;
    }

    /** The EJB module jar, unpacked from the EAR. */
    Path ejbModule() {
        return ejbModule;
    }

    /** The web module, unpacked (the converged context's document base). */
    Path webModule() {
        return webModule;
    }

    /** The context root of the web module ("" for "/"). */
    String contextPath() {
        String path = contextRoot.equals("/") ? "" : contextRoot;
        return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
    }

    List<Path> libraries() {
        return libraries;
    }

    /** Libraries + EJB module; parent: the launcher's class loader. */
    ClassLoader classLoader() {
        return classLoader;
    }

    String describe() {
        return ear + " (EJB module " + ejbModule.getFileName() + ", web module " + webModule.getFileName()
                .toString().replace(".unpacked", "") + " at /" + contextPath().replaceFirst("^/", "") + ", "
                + libraries.size() + " libraries)";
    }

    @Override
    public void close() throws IOException {
        classLoader.close();
    }
}
