package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import javax.ejb.EJB;
import org.confbridge.domain.settings.ConferenceSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lookup the SIP INVITE uses, against H2 migrated by Flyway, inside OpenEJB (its cache included). */
@ExtendWith(ArquillianExtension.class)
class ConferenceDirectoryTest {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.appModule().addClasses(TestData.class, TestLiveConferences.class);
    }

    @EJB
    private ConferenceDirectory directory;

    @EJB
    private TestData data;

    @EJB
    private TokenService tokens;

    @EJB
    private ClientService clients;

    @EJB
    private ExtensionService extensions;

    @EJB
    private ConferencePropertiesService properties;

    @Test
    void findsConferenceOfClientOwningTheSipDomainWithItsSettings() {
        long acme = data.client("acme", "acme.example", false);
        ConferenceSettings settings = ConferenceSettings.builder().pin("1234").moderatorPin("9999").maxMembers(5)
                .build();
        long ext = data.extension(acme, "7001", "conference", settings);

        Optional<ConferenceExtension> found = directory.findConference("ACME.example", "7001");

        assertThat(found).isPresent();
        assertThat(found.get().extensionId()).isEqualTo(ext);
        assertThat(found.get().clientId()).isEqualTo(acme);
        assertThat(found.get().number()).isEqualTo("7001");
        assertThat(found.get().label()).isEqualTo("label 7001");
        assertThat(found.get().settings()).isEqualTo(settings);
    }

    @Test
    void unknownHostFallsBackToTheDefaultClient() {
        long defaultClient = data.defaultClientId();
        long other = data.client("other", "other.example", false);
        data.extension(defaultClient, "7100", "conference", ConferenceSettings.DEFAULTS);
        data.extension(other, "7200", "conference", ConferenceSettings.DEFAULTS);

        assertThat(directory.findConference("127.0.0.1", "7100")).get()
                .extracting(ConferenceExtension::clientId).isEqualTo(defaultClient);
        // Another tenant's number is not reachable through the default client's address.
        assertThat(directory.findConference("127.0.0.1", "7200")).isEmpty();
        assertThat(directory.findConference("other.example", "7200")).isPresent();
    }

    @Test
    void phoneExtensionsAndUnknownNumbersAreNotConferences() {
        long client = data.client("phones", "phones.example", false);
        data.extension(client, "7300", "phone", null);

        assertThat(directory.findConference("phones.example", "7300")).isEmpty();
        assertThat(directory.findConference("phones.example", "7399")).isEmpty();
        assertThat(directory.findConference("phones.example", "")).isEmpty();
    }

    @Test
    void missingPropertiesRowMeansSeedDefaults() {
        long client = data.client("bare", "bare.example", false);
        data.extension(client, "7400", "conference", null);

        assertThat(directory.findConference("bare.example", "7400")).get()
                .extracting(ConferenceExtension::settings).isEqualTo(ConferenceSettings.DEFAULTS);
    }

    @Test
    void changesMadeThroughTheServicesReachTheNextLookupAtOnce() {
        ApiCaller admin = tokens.authenticate(tokens.issue("test-admin", "test-admin-secret").accessToken())
                .orElseThrow();
        // An unknown number and an unknown domain: remembered as such by the cache...
        assertThat(directory.findConference("fresh.example", "7500")).isEmpty();
        ClientView client = clients.create(admin, "fresh", "fresh.example");
        ApiCaller tenant = new ApiCaller(admin.applicationId(), client.id(), false);
        ExtensionView created = extensions.create(tenant, client.id(), "7500", "conference", null);

        // ...but the new client and extension are found by the very next call,
        assertThat(directory.findConference("fresh.example", "7500")).get()
                .extracting(ConferenceExtension::extensionId).isEqualTo(created.id());
        // with properties changed a moment ago,
        properties.update(tenant, client.id(), created.id(), ConferenceSettingsPatch.of(Map.of("pin", "4321")));
        assertThat(directory.findConference("fresh.example", "7500")).get()
                .extracting(c -> c.settings().pin()).isEqualTo("4321");
        // under a new number,
        extensions.update(tenant, client.id(), created.id(), "7501", null, null);
        assertThat(directory.findConference("fresh.example", "7500")).isEmpty();
        assertThat(directory.findConference("fresh.example", "7501")).isPresent();
        // and not any more once deleted.
        extensions.delete(tenant, client.id(), created.id());
        assertThat(directory.findConference("fresh.example", "7501")).isEmpty();
    }
}
