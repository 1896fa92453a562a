package org.confbridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.DependsOn;
import javax.ejb.EJB;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.infrastructure.persistence.ApplicationEntity;
import org.confbridge.infrastructure.persistence.ClientEntity;

/**
 * First start on an empty database: creates the default client and its administrator application.
 * Credentials come from CONF_ADMIN_CLIENT_ID / CONF_ADMIN_CLIENT_SECRET; when those are not set they
 * are generated and written once to {@code <data dir>/admin-credentials.txt} (owner read/write only).
 * The secret is never logged; the log says where the file is.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class AdministratorBootstrap {

    static final String CREDENTIALS_FILE = "admin-credentials.txt";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private ClientService clients;

    @EJB
    private ApplicationService applications;

    @PostConstruct
    void createAdministratorOnFirstStart() {
        long existing = em.createNamedQuery(ApplicationEntity.COUNT_ALL, Long.class).getSingleResult();
        if (existing > 0) {
            return;
        }
        AppConfig config = AppConfig.fromEnvironment();
        ClientEntity defaultClient = clients.createDefault();
        boolean fromEnvironment = config.adminClientId() != null && config.adminClientSecret() != null;
        String clientId = fromEnvironment ? config.adminClientId() : "admin-" + UUID.randomUUID();
        String secret = fromEnvironment ? config.adminClientSecret() : generatedSecret();
        applications.createWithCredentials(defaultClient.getId(), clientId, secret, "administrator", true);
        if (fromEnvironment) {
            LOG.info(() -> "Created the administrator application " + clientId + " from CONF_ADMIN_CLIENT_ID");
        } else {
            Path file = writeCredentials(config.dataDir(), clientId, secret);
            LOG.warning(() -> "Created the administrator application; its generated credentials are in " + file
                    + " (shown only there; delete the file after reading it)");
        }
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path writeCredentials(Path dataDir, String clientId, String secret) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(CREDENTIALS_FILE).toAbsolutePath();
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                out.write("# confbridge administrator application (created at first start)\n");
                out.write("CONF_ADMIN_CLIENT_ID=" + clientId + "\n");
                out.write("CONF_ADMIN_CLIENT_SECRET=" + secret + "\n");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator credentials under " + dataDir, e);
        }
    }
}
