package org.confbridge.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.confbridge.server.ConfigurationException;

/**
 * The server's TLS identity and trust, for SIP over TLS: its certificate and key come from PEM files
 * ({@code tls.certificate} + {@code tls.private.key}) or a PKCS#12 key store ({@code tls.keystore}); without
 * either, a self-signed certificate is generated once into {@code <data>/tls/} and its fingerprint logged, so a
 * first start needs no preparation and phones can pin it. Peers the server connects to (a TLS trunk) are
 * verified against the JDK's CAs plus {@code tls.trusted.certificates}. Only TLS 1.2 and 1.3 are spoken.
 *
 * <p>The SIP stack creates its network layer by class name with no arguments, so the context built here is
 * published through {@link #current()} before the stack starts.
 */
public final class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    /** The protocol versions offered and accepted; older ones are refused in the handshake. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    static final String SELF_SIGNED_CERTIFICATE = "self-signed-certificate.pem";
    static final String SELF_SIGNED_KEY = "self-signed-key.pem";

    private static volatile ServerTls current;

    private final SSLContext context;
    private final X509Certificate certificate;
    private final String source;

    private ServerTls(SSLContext context, X509Certificate certificate, String source) {
        this.context = context;
        this.certificate = certificate;
        this.source = source;
    }

    /** The published TLS setup; empty while TLS is off. */
    public static Optional<ServerTls> current() {
        return Optional.ofNullable(current);
    }

    /** Makes {@code tls} the one the SIP stack uses (null: TLS off). */
    public static void publish(ServerTls tls) {
        current = tls;
    }

    /**
     * Loads (or on a first start without any, generates) the identity and builds the context.
     *
     * @param certificateFile PEM certificate chain, or null
     * @param keyFile         PEM private key (PKCS#1, PKCS#8 or SEC1, unencrypted), or null
     * @param keyStoreFile    PKCS#12 key store, or null
     * @param keyStorePassword its password (may be empty)
     * @param trustedFile     extra PEM certificates to trust, or null
     * @param dataDir         where a self-signed identity is kept
     * @param hostAddress     the address the certificate names when generated
     */
    public static ServerTls load(Path certificateFile, Path keyFile, Path keyStoreFile, String keyStorePassword,
            Path trustedFile, Path dataDir, String hostAddress) {
        try {
            char[] password = randomPassword();
            KeyStore identity;
            String source;
            if (keyStoreFile != null) {
                if (certificateFile != null || keyFile != null) {
                    throw new ConfigurationException("set either CONF_TLS_KEYSTORE or CONF_TLS_CERTIFICATE with "
                            + "CONF_TLS_PRIVATE_KEY, not both");
                }
                identity = fromKeyStore(keyStoreFile, keyStorePassword.toCharArray(), password);
                source = keyStoreFile.toString();
            } else if (certificateFile != null || keyFile != null) {
                if (certificateFile == null || keyFile == null) {
                    throw new ConfigurationException("CONF_TLS_CERTIFICATE and CONF_TLS_PRIVATE_KEY go together");
                }
                identity = fromPem(certificateFile, keyFile, password);
                source = certificateFile.toString();
            } else {
                Path dir = dataDir.resolve("tls");
                Path certificate = dir.resolve(SELF_SIGNED_CERTIFICATE);
                Path key = dir.resolve(SELF_SIGNED_KEY);
                if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
                    generateSelfSigned(dir, certificate, key, hostAddress);
                }
                identity = fromPem(certificate, key, password);
                source = "self-signed " + certificate;
            }
            X509Certificate own = (X509Certificate) identity.getCertificate(identity.aliases().nextElement());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(trustedFile));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return new ServerTls(context, own, source);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigurationException) {
                throw (ConfigurationException) e;
            }
            throw new ConfigurationException("SIP over TLS cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's default cipher suites (TLS 1.3 and 1.2 AEAD suites first), comma-separated: those of this
     * context, the same as the JDK default context's, which is therefore not built (it would parse the JDK's
     * trusted certificates a second time and keep them for the life of the server).
     */
    public String defaultCipherSuites() {
        return String.join(",", context.getDefaultSSLParameters().getCipherSuites());
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 fingerprint as phones show it (colon-separated upper-case hex). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for the log: where the certificate comes from, whom it names, its fingerprint and expiry. */
    public String describe() {
        return "certificate " + source + " (" + certificate.getSubjectX500Principal().getName() + ", SHA-256 "
                + fingerprint() + ", valid until " + certificate.getNotAfter().toInstant() + ")";
    }

    // ------------------------------------------------------------------ loading

    private static KeyStore fromKeyStore(Path file, char[] filePassword, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            source.load(in, filePassword);
        } catch (IOException e) {
            throw new ConfigurationException("CONF_TLS_KEYSTORE " + file + " cannot be read (" + e.getMessage()
                    + "; is CONF_TLS_KEYSTORE_PASSWORD right?)", e);
        }
        for (String alias : java.util.Collections.list(source.aliases())) {
            if (source.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) source.getKey(alias, filePassword);
                return identity(key, source.getCertificateChain(alias), password);
            }
        }
        throw new ConfigurationException("CONF_TLS_KEYSTORE " + file + " holds no private key");
    }

    private static KeyStore fromPem(Path certificateFile, Path keyFile, char[] password)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = readCertificates(certificateFile);
        if (chain.isEmpty()) {
            throw new ConfigurationException("CONF_TLS_CERTIFICATE " + certificateFile + " holds no PEM certificate");
        }
        PrivateKey key = readPrivateKey(keyFile);
        return identity(key, chain.toArray(new Certificate[0]), password);
    }

    private static KeyStore identity(PrivateKey key, Certificate[] chain, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("confbridge", key, password, chain);
        return store;
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("certificate file " + file + " cannot be read");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = factory.generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            all.forEach(c -> certificates.add((X509Certificate) c));
            return certificates;
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("CONF_TLS_PRIVATE_KEY " + file + " cannot be read");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PEMKeyPair) {
                    return converter.getKeyPair((PEMKeyPair) item).getPrivate();
                }
                if (item instanceof PrivateKeyInfo) {
                    return converter.getPrivateKey((PrivateKeyInfo) item);
                }
            }
        }
        throw new ConfigurationException("CONF_TLS_PRIVATE_KEY " + file
                + " holds no unencrypted PEM private key (PKCS#1, PKCS#8 or EC)");
    }

    private static KeyStore trustStore(Path extra) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        Path jdkCas = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (Files.isReadable(jdkCas)) {
            try (InputStream in = Files.newInputStream(jdkCas)) {
                store.load(in, null);
            }
        } else {
            store.load(null, null);
        }
        if (extra != null) {
            int n = 0;
            for (X509Certificate certificate : readCertificates(extra)) {
                store.setCertificateEntry("confbridge-trusted-" + n++, certificate);
            }
            if (n == 0) {
                throw new ConfigurationException("CONF_TLS_TRUSTED_CERTIFICATES " + extra + " holds no PEM certificate");
            }
        }
        return store;
    }

    // ------------------------------------------------------------------ first start

    private static void generateSelfSigned(Path dir, Path certificateFile, Path keyFile, String hostAddress)
            throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048); // RSA rather than EC: every SIP phone in the field speaks it
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=confbridge");
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        InetAddress address = InetAddress.getByName(hostAddress);
        if (!address.isAnyLocalAddress()) {
            names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).abs(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            Files.createDirectories(dir);
            Path keyTemp = dir.resolve(SELF_SIGNED_KEY + ".part");
            Files.deleteIfExists(keyTemp);
            Files.createFile(keyTemp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            writePem(keyTemp, pair.getPrivate());
            Files.move(keyTemp, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Path certificateTemp = dir.resolve(SELF_SIGNED_CERTIFICATE + ".part");
            writePem(certificateTemp, certificate);
            Files.move(certificateTemp, certificateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "SIP over TLS: no certificate configured (CONF_TLS_CERTIFICATE / CONF_TLS_KEYSTORE); "
                    + "generated a self-signed one in " + dir);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void writePem(Path file, Object item) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(item);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT).toCharArray();
    }
}
