package org.confbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A test phone's TLS: its own certificate (generated with the JDK's keytool, so a server can be told to trust
 * it) and the certificates it trusts (e.g. the server's self-signed one). The phone speaks TLS 1.2/1.3 and
 * verifies the server against exactly those certificates.
 */
public final class TlsSetup {

    private static final String PASSWORD = "testphone";

    private final Path keyStore;
    private final Path trustStore;
    private final Path certificatePem;

    private TlsSetup(Path keyStore, Path trustStore, Path certificatePem) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.certificatePem = certificatePem;
    }

    /**
     * A new identity for a phone in {@code dir} (named {@code name}), trusting the PEM certificates in
     * {@code trusted}.
     */
    public static TlsSetup create(Path dir, String name, List<Path> trusted) throws IOException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(name + "-identity.p12");
        Files.deleteIfExists(keyStore);
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        try {
            KeyStore identity = load(keyStore);
            Certificate own = identity.getCertificate(name);
            Path pem = dir.resolve(name + "-certificate.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(own.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path file : trusted) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate certificate : factory.generateCertificates(in)) {
                        trust.setCertificateEntry("trusted-" + n++, certificate);
                    }
                }
            }
            Path trustStore = dir.resolve(name + "-trust.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return new TlsSetup(keyStore, trustStore, pem);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The phone's certificate as PEM (for a server's trusted certificates). */
    public Path certificatePem() {
        return certificatePem;
    }

    /** JAIN-SIP stack properties for this identity and trust. */
    void configure(Properties p) {
        p.setProperty("javax.net.ssl.keyStore", keyStore.toString());
        p.setProperty("javax.net.ssl.keyStorePassword", PASSWORD);
        p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
        p.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        p.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        try { // the stack's own default suites date from TLS 1.0 and the JDK refuses them
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES",
                    String.join(",", javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
