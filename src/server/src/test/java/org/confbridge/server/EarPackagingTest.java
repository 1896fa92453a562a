package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR an operator deploys (built by ear/ before this module) holds the same modules and descriptors
 * the embedded server runs, every library once, and nothing the container provides or that phones home.
 */
class EarPackagingTest {

    private static final Path EAR = Path.of("../../ear/target/confbridge.ear");
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        assertThat(EAR).as("build the reactor (mvn verify) so that ear/ is packaged first").isRegularFile();
        entries = new ArrayList<>();
        try (ZipFile ear = new ZipFile(EAR.toFile())) {
            ear.stream().map(ZipEntry::getName).forEach(entries::add);
        }
    }

    @Test
    void declaresTheWebModuleAtTheRootAndTheEjbModule() throws IOException {
        String applicationXml = read(EAR, "META-INF/application.xml");

        assertThat(applicationXml).contains("<application-name>confbridge</application-name>")
                .contains("<web-uri>confbridge-web.war</web-uri>").contains("<context-root>/</context-root>")
                .contains("<ejb>confbridge-app.jar</ejb>").contains("<library-directory>lib</library-directory>");
        assertThat(entries).contains("confbridge-web.war", "confbridge-app.jar");
    }

    @Test
    void sharesTheApplicationLibrariesOnceInLib() {
        assertThat(entries).contains("lib/confbridge-domain.jar", "lib/confbridge-media.jar", "lib/confbridge-rest.jar",
                "lib/org.eclipse.persistence.jpa.jar", "lib/flyway-core.jar", "lib/jersey-server.jar");
    }

    @Test
    void bundlesNothingTheContainerProvidesNorThePhoneHomeLibrary() {
        assertThat(entries).noneMatch(e -> e.contains("jain-sip") || e.contains("sip-servlets")
                || e.contains("restcomm-statistics") || e.contains("servlet-api") || e.contains("tomcat")
                || e.contains("openejb") || e.contains("javax.ejb-api"));
    }

    @Test
    void theWebModuleIsSkinnyAndCarriesTheTestedDescriptors() throws IOException {
        byte[] war = readBytes(EAR, "confbridge-web.war");
        List<String> warEntries = new ArrayList<>();
        String sipXml = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(war))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                warEntries.add(entry.getName());
                if (entry.getName().equals("WEB-INF/sip.xml")) {
                    sipXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(warEntries).contains("WEB-INF/web.xml", "WEB-INF/sip.xml")
                .noneMatch(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"));
        assertThat(sipXml).contains("<app-name>confbridge</app-name>");
        String darFile = Files.readString(Path.of("../../server-config/dars/mobicents-dar.properties"));
        assertThat(darFile).as("the DAR routes to the application the EAR deploys").contains("INVITE: (\"confbridge\"");
    }

    @Test
    void theEjbModuleNamesItselfForStableJndiNames() throws IOException {
        byte[] ejbJar = readBytes(EAR, "confbridge-app.jar");
        String descriptor = null;
        boolean persistenceUnit = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ejbJar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("META-INF/ejb-jar.xml")) {
                    descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                persistenceUnit |= entry.getName().equals("META-INF/persistence.xml");
            }
        }
        assertThat(descriptor).contains("<module-name>confbridge-app</module-name>");
        assertThat(persistenceUnit).isTrue();
    }

    private static String read(Path zip, String name) throws IOException {
        return new String(readBytes(zip, name), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(name);
            assertThat(entry).as(name + " in " + zip).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
