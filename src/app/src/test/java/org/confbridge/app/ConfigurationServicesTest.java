package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.ejb.EJB;
import org.confbridge.app.audio.TestAudio;
import org.confbridge.domain.settings.ConferenceSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The configuration services inside OpenEJB on H2: tokens, applications, extensions, properties, sounds. */
@ExtendWith(ArquillianExtension.class)
class ConfigurationServicesTest {

    private static final String ADMIN_ID = "test-admin";        // from surefire's system properties
    private static final String ADMIN_SECRET = "test-admin-secret";

    @Deployment
    static JavaArchive deployment() {
        return Deployments.appModule().addClasses(TestData.class, TestLiveConferences.class, TestAudio.class);
    }

    @EJB private TokenService tokens;
    @EJB private ApplicationService applications;
    @EJB private ClientService clients;
    @EJB private ExtensionService extensions;
    @EJB private ConferencePropertiesService properties;
    @EJB private SoundService sounds;
    @EJB private TestLiveConferences live;

    private ApiCaller admin() {
        return tokens.authenticate(tokens.issue(ADMIN_ID, ADMIN_SECRET).accessToken()).orElseThrow();
    }

    private ApiCaller newTenant(String name) {
        ApiCaller admin = admin();
        ClientView client = clients.create(admin, name, null);
        ApplicationView app = applications.create(admin, client.id(), name + " app", false);
        return tokens.authenticate(tokens.issue(app.clientId(), app.clientSecret()).accessToken()).orElseThrow();
    }

    @Test
    void firstStartAdministratorGetsTokensForTheDefaultClient() {
        IssuedToken token = tokens.issue(ADMIN_ID, ADMIN_SECRET);
        ApiCaller caller = tokens.authenticate(token.accessToken()).orElseThrow();

        assertThat(token.expiresIn().toSeconds()).isEqualTo(3600);
        assertThat(caller.administrator()).isTrue();
        assertThat(clients.get(caller, caller.clientId()).defaultClient()).isTrue();
        assertThatThrownBy(() -> tokens.issue(ADMIN_ID, "wrong")).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> tokens.issue("nobody", ADMIN_SECRET))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(tokens.authenticate("not-a-token")).isEmpty();
    }

    @Test
    void revokedApplicationLosesItsTokensAndCannotGetNewOnes() {
        ApiCaller admin = admin();
        ApplicationView app = applications.create(admin, admin.clientId(), "temporary", false);
        String token = tokens.issue(app.clientId(), app.clientSecret()).accessToken();
        assertThat(tokens.authenticate(token)).isPresent();
        assertThat(applications.list(admin, admin.clientId())).extracting(ApplicationView::clientSecret)
                .containsOnlyNulls();

        assertThat(applications.revoke(admin, admin.clientId(), app.id()).revoked()).isTrue();

        assertThat(tokens.authenticate(token)).isEmpty();
        assertThatThrownBy(() -> tokens.issue(app.clientId(), app.clientSecret()))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void ordinaryApplicationsCannotCreateClientsOrAdministratorsOrSeeOtherClients() {
        ApiCaller tenant = newTenant("tenant-a");
        ApiCaller other = newTenant("tenant-b");

        assertThatThrownBy(() -> clients.create(tenant, "x", null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> applications.create(tenant, tenant.clientId(), "x", true))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> applications.list(tenant, other.clientId()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> extensions.list(tenant, other.clientId()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void extensionNamesAreUniquePerClientAndOtherClientsExtensionsDoNotExist() {
        ApiCaller a = newTenant("ext-a");
        ApiCaller b = newTenant("ext-b");
        ExtensionView conf = extensions.create(a, a.clientId(), "8001", "conference", "Sales");
        extensions.create(b, b.clientId(), "8001", "conference", "same number, other client");

        assertThatThrownBy(() -> extensions.create(a, a.clientId(), "8001", "phone", null))
                .isInstanceOf(ResourceConflictException.class).hasMessageContaining("8001");
        assertThatThrownBy(() -> extensions.get(b, b.clientId(), conf.id()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(extensions.update(a, a.clientId(), conf.id(), "8002", null, "Sales team").name())
                .isEqualTo("8002");
        assertThat(extensions.list(a, a.clientId())).extracting(ExtensionView::label).containsExactly("Sales team");
        assertThat(properties.get(a, a.clientId(), conf.id())).isEqualTo(ConferenceSettings.DEFAULTS);
    }

    @Test
    void liveConferenceCannotBeDeletedOrTurnedIntoAPhone() {
        ApiCaller a = newTenant("live-a");
        ExtensionView conf = extensions.create(a, a.clientId(), "8100", "conference", null);
        live.setLive(conf.id(), true);
        try {
            assertThatThrownBy(() -> extensions.delete(a, a.clientId(), conf.id()))
                    .isInstanceOf(ResourceConflictException.class).hasMessageContaining("participants");
            assertThatThrownBy(() -> extensions.update(a, a.clientId(), conf.id(), null, "phone", null))
                    .isInstanceOf(ResourceConflictException.class);
        } finally {
            live.setLive(conf.id(), false);
        }
        extensions.delete(a, a.clientId(), conf.id());
        assertThat(extensions.list(a, a.clientId())).isEmpty();
    }

    @Test
    void readsAnswerTheLatestWriteAtOnceThoughTheyAreCached() {
        ApiCaller a = newTenant("cache-a");
        ApiCaller b = newTenant("cache-b");
        long ext = extensions.create(a, a.clientId(), "8150", "conference", null).id();
        assertThat(properties.get(a, a.clientId(), ext)).isEqualTo(ConferenceSettings.DEFAULTS); // now cached

        properties.update(a, a.clientId(), ext, patch("pin", "4321"));
        assertThat(properties.get(a, a.clientId(), ext).pin()).isEqualTo("4321");
        assertThatThrownBy(() -> properties.get(b, b.clientId(), ext)).isInstanceOf(ResourceNotFoundException.class);

        extensions.update(a, a.clientId(), ext, null, "phone", null);
        assertThatThrownBy(() -> properties.get(a, a.clientId(), ext)).isInstanceOf(ResourceNotFoundException.class);
        extensions.update(a, a.clientId(), ext, null, "conference", null);
        assertThat(properties.get(a, a.clientId(), ext)).isEqualTo(ConferenceSettings.DEFAULTS);

        extensions.delete(a, a.clientId(), ext);
        assertThatThrownBy(() -> properties.get(a, a.clientId(), ext)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void partialUpdateChangesNamedFieldsAndNullResets() {
        ApiCaller a = newTenant("props-a");
        long ext = extensions.create(a, a.clientId(), "8200", "conference", null).id();

        properties.update(a, a.clientId(), ext, patch("pin", "1234", "max_members", 10, "record_enabled", true));
        ConferenceSettings after = properties.update(a, a.clientId(), ext, patch("moderator_pin", "999"));
        assertThat(after).isEqualTo(ConferenceSettings.builder().pin("1234").moderatorPin("999").maxMembers(10)
                .recordEnabled(true).build());

        ConferenceSettings reset = properties.update(a, a.clientId(), ext,
                patch("max_members", null, "record_enabled", null));
        assertThat(reset.maxMembers()).isNull();
        assertThat(reset.effectiveMaxMembers()).isEqualTo(100);
        assertThat(reset.recordEnabled()).isFalse();
        assertThat(reset.pin()).isEqualTo("1234");
    }

    @Test
    void refusedUpdateNamesEveryFieldAndChangesNothing() {
        ApiCaller a = newTenant("props-b");
        long ext = extensions.create(a, a.clientId(), "8300", "conference", null).id();
        properties.update(a, a.clientId(), ext, patch("pin", "1111", "announce_caller_name", true));
        ConferenceSettings before = properties.get(a, a.clientId(), ext);

        assertThatThrownBy(() -> properties.update(a, a.clientId(), ext,
                patch("pin", "12a4", "max_members", 0, "mute_non_moderator", true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("pin", "max_members"));
        assertThatThrownBy(() -> properties.update(a, a.clientId(), ext, patch("moderator_pin", "1111")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("moderator_pin"));
        assertThatThrownBy(() -> properties.update(a, a.clientId(), ext, patch("pin", null, "moderator_pin", "5")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> properties.update(a, a.clientId(), ext, patch("max_members", 1001)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1000");

        assertThat(properties.get(a, a.clientId(), ext)).isEqualTo(before);
    }

    @Test
    void soundIdsMustBeSoundsOfTheSameClientAndUsedSoundsCannotBeDeleted() {
        ApiCaller a = newTenant("sound-a");
        ApiCaller b = newTenant("sound-b");
        long ext = extensions.create(a, a.clientId(), "8400", "conference", null).id();
        byte[] wav = TestAudio.sineWav(440, 16000, 16, 1, 0.5);
        SoundView mine = sounds.upload(a, a.clientId(), "hold music", "hold.wav", wav);
        SoundView theirs = sounds.upload(b, b.clientId(), "not yours", "x.wav", wav);

        assertThatThrownBy(() -> properties.update(a, a.clientId(), ext, patch("enter_sound", theirs.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("enter_sound"));
        properties.update(a, a.clientId(), ext, patch("music_on_hold_sound", mine.id()));

        assertThatThrownBy(() -> sounds.delete(a, a.clientId(), mine.id()))
                .isInstanceOf(ResourceConflictException.class).hasMessageContaining("music_on_hold_sound");
        properties.update(a, a.clientId(), ext, patch("music_on_hold_sound", null));
        sounds.delete(a, a.clientId(), mine.id());
        assertThat(sounds.list(a, a.clientId())).isEmpty();
    }

    @Test
    void uploadKeepsOriginalAndStoresConvertedPcm() {
        ApiCaller a = newTenant("sound-c");
        byte[] wav = TestAudio.sineWav(1000, 44100, 24, 2, 1.0);
        SoundView sound = sounds.upload(a, a.clientId(), "tone", "tone.wav", wav);

        assertThat(sound.durationMs()).isBetween(998L, 1000L);
        assertThat(sound.originalFormat()).isEqualTo("wav");
        assertThat(sounds.original(a, a.clientId(), sound.id()).data()).isEqualTo(wav);
        var stored = sounds.playablePcm(a.clientId(), sound.id());
        assertThat(stored.sampleRate()).as("a 44.1 kHz upload is kept wideband").isEqualTo(16000);
        assertThat(TestAudio.toneAmplitude(stored.pcm(), 16000, 1000, 2000, 14000)).isBetween(0.47, 0.53);
        assertThat(sounds.converted(a, a.clientId(), sound.id()).filename()).endsWith("-16k.wav");

        SoundView replaced = sounds.replaceAudio(a, a.clientId(), sound.id(), null, "short.wav",
                TestAudio.sineWav(1000, 8000, 16, 1, 0.25));
        assertThat(replaced.durationMs()).isEqualTo(250);
        assertThat(replaced.title()).isEqualTo("tone");
        assertThat(sounds.rename(a, a.clientId(), sound.id(), "renamed").title()).isEqualTo("renamed");
        assertThatThrownBy(() -> sounds.upload(a, a.clientId(), "bad", "f.wav", TestAudio.floatWav(8000, 0.1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("floating-point");
    }

    @Test
    void concurrentPartialUpdatesLoseNothing() throws Exception {
        ApiCaller a = newTenant("concurrent");
        long ext = extensions.create(a, a.clientId(), "8500", "conference", null).id();
        String[] booleanFields = {"announce_caller_name", "mute_non_moderator", "record_enabled"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ConferenceSettings>> jobs = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String field : booleanFields) {
                    boolean value = round % 2 == 0;
                    jobs.add(() -> properties.update(a, a.clientId(), ext, patch(field, value)));
                }
                int members = 10 + round;
                jobs.add(() -> properties.update(a, a.clientId(), ext, patch("max_members", members)));
            }
            // Last round sets everything true / 99, each field by its own concurrent request.
            for (String field : booleanFields) {
                jobs.add(() -> properties.update(a, a.clientId(), ext, patch(field, true)));
            }
            List<Future<ConferenceSettings>> results = pool.invokeAll(jobs.subList(0, jobs.size() - 3));
            for (Future<ConferenceSettings> f : results) {
                f.get();
            }
            for (Future<ConferenceSettings> f : pool.invokeAll(jobs.subList(jobs.size() - 3, jobs.size()))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ConferenceSettings end = properties.get(a, a.clientId(), ext);
        assertThat(end.announceCallerName()).isTrue();
        assertThat(end.muteNonModerator()).isTrue();
        assertThat(end.recordEnabled()).isTrue();
    }

    private static ConferenceSettingsPatch patch(Object... keyValues) {
        Map<String, Object> changes = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof Integer n && !"max_members".equals(keyValues[i])) {
                v = n.longValue();
            }
            changes.put((String) keyValues[i], v);
        }
        return ConferenceSettingsPatch.of(changes);
    }
}
