package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javax.ejb.EJB;
import org.confbridge.domain.settings.ConferenceSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lookup the SIP INVITE uses, against H2 migrated by Flyway, inside OpenEJB. */
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
}
