package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.IncomingPolicy;
import org.confbridge.testkit.SipMessageRecord;
import org.confbridge.testkit.SipTransport;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.TlsSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, SIP over TLS: a first start makes and keeps a self-signed certificate (fingerprint logged), the TLS
 * port speaks only TLS 1.2/1.3, callers over TLS (sip:;transport=tls and sips:) hear and are heard by a UDP
 * caller, their keys work and the server's own requests (BYE) reach them; operator certificates (PEM or PKCS#12)
 * are served; a broken identity stops the start with one line; invitations leave through a TLS trunk.
 */
class SipOverTlsIT {

    private static final double ALICE = 700;
    private static final double BOB = 1100;
    private static final double GUEST = 1300;
    private static final Duration HEAR = Duration.ofSeconds(8);

    @TempDir
    Path temp;

    @Test
    void aFirstStartMakesASelfSignedCertificateKeepsItAndSpeaksOnlyTls12And13() throws Exception {
        Map<String, String> env = Map.of("CONF_DATA_DIR", temp.resolve("data").toString());
        String fingerprint;
        try (RunningServer server = RunningServer.start(env)) {
            Path pem = temp.resolve("data/tls/self-signed-certificate.pem");
            X509Certificate certificate = readCertificate(pem);
            fingerprint = sha256(certificate);
            assertThat(server.output()).contains("SIP over TLS on 127.0.0.1:" + server.sipTlsPort())
                    .contains("SHA-256 " + fingerprint);
            assertThat(Files.getPosixFilePermissions(temp.resolve("data/tls/self-signed-key.pem")))
                    .as("the private key is readable by the server only")
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                try (SSLSocket socket = handshake(server.sipTlsPort(), protocol, pem)) {
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                    assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(certificate);
                }
            }
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl (to offer TLS 1.1) is not installed");
            String tls11 = openssl(server.sipTlsPort(), "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(tls11).as("TLS 1.1 handshake").contains("alert protocol version").doesNotContain("Cipher is ECDHE");
            String tls12 = openssl(server.sipTlsPort(), "-tls1_2");
            assertThat(tls12).contains("Protocol  : TLSv1.2").contains("Cipher is ECDHE");
        }
        try (RunningServer restarted = RunningServer.start(env)) {
            assertThat(restarted.output()).contains("SHA-256 " + fingerprint).doesNotContain("generated a self-signed");
        }
    }

    @Test
    void callersOverTlsAndUdpHearEachOtherTheirKeysWorkAndTheServersByeReachesThem() throws Exception {
        try (RunningServer server = RunningServer.start(Map.of())) {
            TlsSetup tls = TlsSetup.create(temp, "bob",
                    List.of(server.dataDir().resolve("tls/self-signed-certificate.pem")));
            ConferenceFixture fixture = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = fixture.create(null);
            try (TestPhone udpPhone = TestPhone.start(); TestPhone tlsPhone = TestPhone.start(tls)) {
                Call alice = fixture.dial(udpPhone, conference, ALICE);
                Call bob = tlsPhone.call("sip:" + conference.number() + "@127.0.0.1:" + server.sipTlsPort()
                        + ";transport=tls", CallOptions.defaults().from("bob", null).transport(SipTransport.TLS)
                        .sendingTone(BOB, ConferenceFixture.SEND_DBFS));
                bob.expectState(CallState.ANSWERED, ConferenceFixture.ANSWER_TIMEOUT);
                SipMessageRecord answer = bob.responses().stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
                assertThat(answer.header("Contact")).as("the server's Contact for a TLS call")
                        .containsIgnoringCase("transport=tls").contains(":" + server.sipTlsPort());
                assertThat(alice.audio().awaitTone(BOB, HEARD_DBFS, HEAR)).as("alice hears bob (TLS)").isTrue();
                assertThat(bob.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("bob (TLS) hears alice").isTrue();

                // *1 as SIP INFO over TLS: bob mutes himself, alice stops hearing him.
                bob.sendDigits("*1", DtmfMode.INFO_RELAY);
                assertThat(alice.audio().awaitNoTone(BOB, NOT_HEARD_DBFS, HEAR)).as("bob muted by *1").isTrue();

                // A sips: caller is a TLS caller too.
                Call carol = tlsPhone.call("sips:" + conference.number() + "@127.0.0.1:" + server.sipTlsPort(),
                        CallOptions.defaults().from("carol", null).transport(SipTransport.TLS)
                                .sendingTone(GUEST, ConferenceFixture.SEND_DBFS));
                carol.expectState(CallState.ANSWERED, ConferenceFixture.ANSWER_TIMEOUT);
                assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).as("alice hears carol (sips:)").isTrue();

                // The server's own request goes back over TLS: removing bob sends him a BYE.
                ApiClient api = new ApiClient(server.baseUrl());
                String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
                String live = "/api/ver1.0/client/@me/live/" + conference.id();
                JsonNode participants = api.get(live, token).json().get("participants");
                String bobId = null;
                for (JsonNode participant : participants) {
                    if ("bob".equals(participant.get("number").asText())) {
                        bobId = participant.get("id").asText();
                    }
                }
                assertThat(bobId).as("bob in " + participants).isNotNull();
                assertThat(api.delete(live + "/participant/" + bobId, token).status()).isEqualTo(204);
                SipMessageRecord bye = bob.awaitRequest("BYE", Duration.ofSeconds(10));
                assertThat(bye).as("BYE to the TLS caller").isNotNull();
                assertThat(bob.awaitState(CallState.ENDED, Duration.ofSeconds(5))).isTrue();
                carol.hangup();
                alice.hangup();
            }
        }
    }

    @Test
    void anOperatorsPemOrPkcs12CertificateIsServed() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X500Name name = new X500Name("CN=conference.example.net");
        X509Certificate operator = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.TEN, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86_400)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Path certificate = temp.resolve("operator.pem");
        Path key = temp.resolve("operator-key.pem");
        writePem(certificate, operator);
        writePem(key, pair.getPrivate());
        try (RunningServer server = RunningServer.start(Map.of("CONF_TLS_CERTIFICATE", certificate.toString(),
                "CONF_TLS_PRIVATE_KEY", key.toString()));
             SSLSocket socket = handshake(server.sipTlsPort(), "TLSv1.3", certificate)) {
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(operator);
            assertThat(server.output()).contains("CN=conference.example.net").doesNotContain("generated a self-signed");
        }

        TlsSetup store = TlsSetup.create(temp.resolve("p12"), "pkcs", List.of());
        Path keyStore = temp.resolve("p12/pkcs-identity.p12");
        X509Certificate stored = readCertificate(store.certificatePem());
        try (RunningServer server = RunningServer.start(Map.of("CONF_TLS_KEYSTORE", keyStore.toString(),
                "CONF_TLS_KEYSTORE_PASSWORD", "testphone"));
             SSLSocket socket = handshake(server.sipTlsPort(), "TLSv1.2", store.certificatePem())) {
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(stored);
        }
    }

    @Test
    void aCertificateWithoutItsKeyStopsTheStartWithOneLine() throws Exception {
        Path certificate = temp.resolve("lonely.pem");
        Files.writeString(certificate, "not even a certificate");
        RunningServer server = RunningServer.launch(Map.of("CONF_TLS_CERTIFICATE", certificate.toString()), List.of());
        try {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).as("configuration error").isEqualTo(2);
            assertThat(server.output()).contains("CONF_TLS_CERTIFICATE and CONF_TLS_PRIVATE_KEY go together")
                    .doesNotContain("\tat ");
        } finally {
            server.close();
        }
        RunningServer wrongPassword = RunningServer.launch(Map.of("CONF_TLS_KEYSTORE",
                TlsSetup.create(temp.resolve("p12"), "x", List.of()).certificatePem().resolveSibling("x-identity.p12")
                        .toString(), "CONF_TLS_KEYSTORE_PASSWORD", "wrong"), List.of());
        try {
            assertThat(wrongPassword.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(wrongPassword.output()).contains("CONF_TLS_KEYSTORE").contains("CONF_TLS_KEYSTORE_PASSWORD");
        } finally {
            wrongPassword.close();
        }
    }

    @Test
    void anInvitationLeavesThroughATlsTrunkAndIsHeard() throws Exception {
        TlsSetup gatewayTls = TlsSetup.create(temp, "gateway", List.of());
        try (TestPhone gateway = TestPhone.start(gatewayTls)) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "CONF_TRUNK_URI", "sip:127.0.0.1:" + gateway.sipTlsPort() + ";transport=tls",
                    "CONF_TLS_TRUSTED_CERTIFICATES", gatewayTls.certificatePem().toString(),
                    "CONF_SIP_ANSWER_DELAY_MS", "0"));
            try (RunningServer server = RunningServer.start(env); TestPhone phones = TestPhone.start()) {
                gateway.onIncoming(IncomingPolicy.answer().sendingTone(GUEST, ConferenceFixture.SEND_DBFS));
                ConferenceFixture fixture = new ConferenceFixture(server);
                ConferenceFixture.Conference conference = fixture.create(null);
                Call alice = fixture.dial(phones, conference, ALICE);
                String number = "4155550123";
                alice.sendDigits("*8", DtmfMode.INFO_RELAY);
                alice.sendDigits(number + "#", DtmfMode.INFO_RELAY);
                Call guest = gateway.awaitIncomingCall(Duration.ofSeconds(10));
                assertThat(guest).as("the TLS trunk got the invitation").isNotNull();
                assertThat(guest.invite().requestUri()).contains("sip:" + number + "@");
                assertThat(guest.invite().header("Via")).as("the invitation came over TLS").startsWith("SIP/2.0/TLS");
                guest.expectState(CallState.ANSWERED, Duration.ofSeconds(10));
                assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).as("alice hears the guest").isTrue();
                assertThat(guest.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("the guest hears alice").isTrue();
                alice.hangup();
                assertThat(guest.awaitState(CallState.ENDED, Duration.ofSeconds(15))).as("guest hung up").isTrue();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static SSLSocket handshake(int port, String protocol, Path trustedPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", readCertificate(trustedPem));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static String openssl(int port, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // no input: s_client ends after the handshake
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(20, TimeUnit.SECONDS);
        return output;
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            return (X509Certificate) certificate;
        }
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static void writePem(Path file, Object item) throws Exception {
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            writer.writeObject(item);
        }
    }
}
