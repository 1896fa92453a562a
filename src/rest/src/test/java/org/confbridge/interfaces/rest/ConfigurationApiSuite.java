package org.confbridge.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sound.sampled.AudioFormat;
import org.confbridge.interfaces.rest.ApiClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration API over real HTTP: every endpoint, every validation rule, authentication
 * failures, isolation between clients, uploads, concurrent updates. Written against a base URL so
 * the same suite runs in-process here and against the embedded server (src/server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConfigurationApiSuite {

    private static final List<String> SEED_FIELDS = List.of("announce_caller_name", "enter_sound", "max_members",
            "pin", "moderator_pin", "mute_non_moderator", "music_on_hold_sound", "record_enabled");

    protected ApiClient api;
    protected String admin;
    private String adminId;
    private String adminSecret;

    /** Base URL of a running server, e.g. {@code http://127.0.0.1:41234}. */
    protected abstract String baseUrl();

    /** client_id of the first-start administrator application of the server under test. */
    protected String adminClientId() {
        return "test-admin";
    }

    /** Its secret. */
    protected String adminClientSecret() {
        return "test-admin-secret";
    }

    @BeforeAll
    void connect() {
        adminId = adminClientId();
        adminSecret = adminClientSecret();
        api = new ApiClient(baseUrl());
        admin = api.token(adminId, adminSecret);
    }

    /** A fresh client with its own application; returns {client id, token}. */
    protected Tenant newTenant() {
        String name = "tenant-" + UUID.randomUUID();
        Answer client = api.post("/api/ver1.0/client/", admin, "{\"name\":\"" + name + "\"}");
        assertThat(client.status()).as(client.toString()).isEqualTo(201);
        long id = client.json().get("id").asLong();
        Answer app = api.post("/api/ver1.0/client/" + id + "/application/", admin, "{\"name\":\"app\"}");
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        String token = api.token(app.json().get("client_id").asText(), app.json().get("client_secret").asText());
        return new Tenant(id, token);
    }

    /** A client id and a token of one of its applications. */
    protected record Tenant(long id, String token) {
        String path(String rest) {
            return "/api/ver1.0/client/@me" + rest;
        }
    }

    private long createConference(Tenant t, String number) {
        Answer a = api.post(t.path("/extension/"), t.token(),
                "{\"name\":\"" + number + "\",\"type\":\"conference\",\"label\":\"room " + number + "\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    private static void assertError(Answer a, int status, String field) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isNotBlank();
        if (field != null) {
            List<String> fields = new ArrayList<>();
            json.path("fields").forEach(f -> fields.add(f.get("field").asText()));
            assertThat(fields).as(a.toString()).contains(field);
        }
    }

    // ---- OAuth2 ----

    @Test
    void tokenEndpointIssuesBearerTokensThatAreNotCached() {
        Answer a = api.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", adminId,
                "client_secret", adminSecret), null);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(a.json().get("expires_in").asLong()).isPositive();
        assertThat(a.json().get("access_token").asText()).hasSizeGreaterThan(30);
        assertThat(a.header("Cache-Control")).contains("no-store");
    }

    @Test
    void tokenEndpointAcceptsHttpBasicClientAuthentication() {
        String basic = java.util.Base64.getEncoder().encodeToString((adminId + ":" + adminSecret).getBytes());
        Answer a = api.tokenRequest(Map.of("grant_type", "client_credentials"), "Basic " + basic);

        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(api.get("/api/ver1.0/client/@me", a.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void tokenErrorsFollowRfc6749() {
        Answer wrongSecret = api.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", adminId,
                "client_secret", "wrong"), null);
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");

        Answer unknown = api.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "nobody",
                "client_secret", "x"), null);
        assertThat(unknown.json().get("error").asText()).isEqualTo("invalid_client");

        Answer noGrant = api.tokenRequest(Map.of("client_id", adminId, "client_secret", adminSecret), null);
        assertThat(noGrant.status()).isEqualTo(400);
        assertThat(noGrant.json().get("error").asText()).isEqualTo("invalid_request");

        Answer password = api.tokenRequest(Map.of("grant_type", "password", "client_id", adminId,
                "client_secret", adminSecret), null);
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");

        Answer noSecret = api.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", adminId), null);
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.json().get("error").asText()).isEqualTo("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/ver1.0/client/@me", "/api/ver1.0/client/@me/extension/",
            "/api/ver1.0/client/@me/sound/", "/api/ver1.0/client/@me/application/", "/api/ver1.0/client/"})
    void apiRefusesRequestsWithoutValidToken(String path) {
        Answer none = api.get(path, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.json().get("error").asText()).isEqualTo("invalid_request");

        Answer bad = api.get(path, "not-a-token");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid_token");

        Answer basic = api.send(java.net.http.HttpRequest.newBuilder(api.uri(path))
                .header("Authorization", "Basic dGVzdDp0ZXN0").GET());
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void revokedApplicationsTokenStopsWorkingAtOnce() {
        Answer app = api.post("/api/ver1.0/client/@me/application/", admin, "{\"name\":\"short-lived\"}");
        assertThat(app.status()).isEqualTo(201);
        String token = api.token(app.json().get("client_id").asText(), app.json().get("client_secret").asText());
        assertThat(api.get("/api/ver1.0/client/@me", token).status()).isEqualTo(200);

        Answer revoked = api.delete("/api/ver1.0/client/@me/application/" + app.json().get("id").asLong(), admin);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asBoolean()).isTrue();

        assertThat(api.get("/api/ver1.0/client/@me", token).status()).isEqualTo(401);
        assertThat(api.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_id", app.json().get("client_id").asText(),
                "client_secret", app.json().get("client_secret").asText()), null).status()).isEqualTo(401);
    }

    @Test
    void applicationListNeverShowsSecretsAndTheLastAdministratorCannotBeRevoked() {
        Answer list = api.get("/api/ver1.0/client/@me/application/", admin);
        assertThat(list.status()).isEqualTo(200);
        long adminAppId = -1;
        for (JsonNode app : list.json()) {
            assertThat(app.has("client_secret")).isFalse();
            if (app.get("client_id").asText().equals(adminId)) {
                adminAppId = app.get("id").asLong();
            }
        }
        assertThat(adminAppId).isPositive();
        assertError(api.delete("/api/ver1.0/client/@me/application/" + adminAppId, admin), 409, null);
    }

    // ---- clients and isolation ----

    @Test
    void meAndNumericClientIdNameTheCallersClient() {
        Tenant t = newTenant();
        Answer me = api.get("/api/ver1.0/client/@me", t.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asLong()).isEqualTo(t.id());
        assertThat(api.get("/api/ver1.0/client/" + t.id() + "/extension/", t.token()).status()).isEqualTo(200);
        assertError(api.get("/api/ver1.0/client/not-a-client/extension/", t.token()), 404, null);
    }

    @Test
    void onlyAdministratorsCreateClientsAndSipDomainsAreUnique() {
        Tenant t = newTenant();
        assertError(api.post("/api/ver1.0/client/", t.token(), "{\"name\":\"x\"}"), 403, null);

        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Answer created = api.post("/api/ver1.0/client/", admin,
                "{\"name\":\"with domain\",\"sip_domain\":\"" + domain + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("sip_domain").asText()).isEqualTo(domain);
        assertError(api.post("/api/ver1.0/client/", admin, "{\"name\":\"again\",\"sip_domain\":\"" + domain + "\"}"),
                409, null);
        assertError(api.post("/api/ver1.0/client/", admin, "{\"name\":\"bad\",\"sip_domain\":\"no spaces\"}"),
                400, "sip_domain");
        assertError(api.post("/api/ver1.0/client/", admin, "{\"sip_domain\":\"x.example\"}"), 400, "name");
    }

    @Test
    void anotherClientsThingsDoNotExist() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        long conference = createConference(a, "4100");
        Answer sound = api.upload(a.path("/sound/"), a.token(), "a's sound", "a.wav", WavFiles.sine(440, 8000, 16, 1, 0.2));
        long soundId = sound.json().get("id").asLong();
        String aBase = "/api/ver1.0/client/" + a.id();

        for (String path : List.of(aBase + "/extension/", aBase + "/sound/", aBase + "/application/", aBase)) {
            assertError(api.get(path, b.token()), 404, null);
        }
        assertError(api.get("/api/ver1.0/client/@me/extension/" + conference, b.token()), 404, null);
        assertError(api.put("/api/ver1.0/client/@me/extension/" + conference, b.token(), "{\"label\":\"mine\"}"),
                404, null);
        assertError(api.delete("/api/ver1.0/client/@me/extension/" + conference, b.token()), 404, null);
        assertError(api.get("/api/ver1.0/client/@me/extension/" + conference + "/conference/", b.token()), 404, null);
        assertError(api.put("/api/ver1.0/client/@me/extension/" + conference + "/conference/", b.token(),
                "{\"pin\":\"1\"}"), 404, null);
        assertError(api.get("/api/ver1.0/client/@me/sound/" + soundId, b.token()), 404, null);
        assertError(api.get("/api/ver1.0/client/@me/sound/" + soundId + "/download", b.token()), 404, null);
        assertError(api.delete("/api/ver1.0/client/@me/sound/" + soundId, b.token()), 404, null);

        Answer still = api.get(a.path("/extension/" + conference), a.token());
        assertThat(still.json().get("label").asText()).isEqualTo("room 4100");
        assertThat(api.get(a.path("/extension/" + conference + "/conference/"), a.token()).json()
                .get("pin").isNull()).isTrue();
    }

    // ---- extensions ----

    @Test
    void extensionLifecycle() {
        Tenant t = newTenant();
        Answer created = api.post(t.path("/extension/"), t.token(),
                "{\"name\":\"5001\",\"type\":\"conference\",\"label\":\"Board\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("name").asText()).isEqualTo("5001");
        assertThat(created.json().get("type").asText()).isEqualTo("conference");

        assertThat(api.get(t.path("/extension/"), t.token()).json()).hasSize(1);
        assertThat(api.get(t.path("/extension/" + id), t.token()).json().get("label").asText()).isEqualTo("Board");

        Answer renamed = api.put(t.path("/extension/" + id), t.token(), "{\"name\":\"5002\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("5002");
        assertThat(renamed.json().get("label").asText()).isEqualTo("Board");

        Answer phone = api.post(t.path("/extension/"), t.token(), "{\"name\":\"200\",\"type\":\"phone\"}");
        assertThat(phone.status()).isEqualTo(201);
        assertError(api.get(t.path("/extension/" + phone.json().get("id").asLong() + "/conference/"), t.token()),
                404, null);

        assertThat(api.delete(t.path("/extension/" + id), t.token()).status()).isEqualTo(204);
        assertError(api.get(t.path("/extension/" + id), t.token()), 404, null);
        assertError(api.delete(t.path("/extension/" + id), t.token()), 404, null);
    }

    @Test
    void duplicateExtensionNameIsAConflictButOtherClientsMayUseIt() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        createConference(a, "6000");
        assertError(api.post(a.path("/extension/"), a.token(), "{\"name\":\"6000\",\"type\":\"phone\"}"), 409, null);
        long other = api.post(a.path("/extension/"), a.token(), "{\"name\":\"6001\",\"type\":\"phone\"}")
                .json().get("id").asLong();
        assertError(api.put(a.path("/extension/" + other), a.token(), "{\"name\":\"6000\"}"), 409, null);
        createConference(b, "6000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"12a\",\"type\":\"conference\"}|name",
        "{\"name\":\"\",\"type\":\"conference\"}|name",
        "{\"name\":\"123456789012345678901234567890123\",\"type\":\"conference\"}|name",
        "{\"type\":\"conference\"}|name",
        "{\"name\":\"100\",\"type\":\"fax\"}|type",
        "{\"name\":\"100\"}|type",
        "{\"name\":123,\"type\":\"conference\"}|name",
        "{\"name\":\"100\",\"type\":\"conference\",\"colour\":\"red\"}|colour",
        "{\"name\":\"100\",\"type\":\"conference\",\"label\":[1]}|label"})
    void invalidExtensionsAreRefusedNamingTheField(String body, String field) {
        Tenant t = newTenant();
        assertError(api.post(t.path("/extension/"), t.token(), body), 400, field);
        assertThat(api.get(t.path("/extension/"), t.token()).json()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "not json", "", "[]", "{\"name\":\"1\"} trailing", "null"})
    void malformedBodiesAreBadRequestsNotServerErrors(String body) {
        Tenant t = newTenant();
        long conference = createConference(t, "7000");
        assertError(api.post(t.path("/extension/"), t.token(), body), 400, null);
        assertError(api.put(t.path("/extension/" + conference), t.token(), body), 400, null);
        assertError(api.put(t.path("/extension/" + conference + "/conference/"), t.token(), body), 400, null);
        assertError(api.post("/api/ver1.0/client/@me/application/", t.token(), body), 400, null);
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        assertError(api.get("/api/ver1.0/nothing-here", admin), 404, null);
        assertError(api.get("/api/ver1.0/client/@me/extension/abc", admin), 404, null);
        Answer wrongMethod = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/ver1.0/client/@me/extension/"))
                .header("Authorization", "Bearer " + admin).method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        Answer wrongType = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/ver1.0/client/@me/extension/"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertError(wrongType, 415, null);
    }

    // ---- conference properties ----

    @Test
    void newConferenceHasTheSeedDefaults() {
        Tenant t = newTenant();
        long conference = createConference(t, "3000");
        JsonNode props = api.get(t.path("/extension/" + conference + "/conference/"), t.token()).json();

        Set<String> names = new TreeSet<>();
        props.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(SEED_FIELDS);
        assertThat(props.get("announce_caller_name").asBoolean()).isFalse();
        assertThat(props.get("mute_non_moderator").asBoolean()).isFalse();
        assertThat(props.get("record_enabled").asBoolean()).isFalse();
        for (String nullable : List.of("enter_sound", "max_members", "pin", "moderator_pin", "music_on_hold_sound")) {
            assertThat(props.get(nullable).isNull()).as(nullable).isTrue();
        }
        // Without the trailing slash too.
        assertThat(api.get(t.path("/extension/" + conference + "/conference"), t.token()).status()).isEqualTo(200);
    }

    @Test
    void putChangesOnlyNamedFieldsAndNullResets() {
        Tenant t = newTenant();
        long conference = createConference(t, "3001");
        String path = t.path("/extension/" + conference + "/conference/");

        Answer first = api.put(path, t.token(), "{\"pin\":\"1234\",\"max_members\":12,\"announce_caller_name\":true}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Answer second = api.put(path, t.token(), "{\"moderator_pin\":\"4321\",\"record_enabled\":true}");
        JsonNode now = second.json();
        assertThat(now.get("pin").asText()).isEqualTo("1234");
        assertThat(now.get("max_members").asInt()).isEqualTo(12);
        assertThat(now.get("moderator_pin").asText()).isEqualTo("4321");
        assertThat(now.get("announce_caller_name").asBoolean()).isTrue();

        JsonNode reset = api.put(path, t.token(), "{\"max_members\":null,\"announce_caller_name\":null,"
                + "\"moderator_pin\":null}").json();
        assertThat(reset.get("max_members").isNull()).isTrue();
        assertThat(reset.get("announce_caller_name").asBoolean()).isFalse();
        assertThat(reset.get("moderator_pin").isNull()).isTrue();
        assertThat(reset.get("pin").asText()).isEqualTo("1234");
        assertThat(reset.get("record_enabled").asBoolean()).isTrue();
        assertThat(api.get(path, t.token()).json()).isEqualTo(reset);
        assertThat(api.put(path, t.token(), "{}").json()).isEqualTo(reset);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"pin\":\"12a4\"}|pin",
        "{\"pin\":\"\"}|pin",
        "{\"pin\":\"12345678901234567\"}|pin",
        "{\"pin\":1234}|pin",
        "{\"pin\":null,\"moderator_pin\":\"99\"}|moderator_pin",
        "{\"moderator_pin\":\"5555\"}|moderator_pin",
        "{\"moderator_pin\":\"9x\"}|moderator_pin",
        "{\"max_members\":0}|max_members",
        "{\"max_members\":-3}|max_members",
        "{\"max_members\":100000}|max_members",
        "{\"max_members\":\"10\"}|max_members",
        "{\"max_members\":1.5}|max_members",
        "{\"announce_caller_name\":\"yes\"}|announce_caller_name",
        "{\"mute_non_moderator\":1}|mute_non_moderator",
        "{\"record_enabled\":\"true\"}|record_enabled",
        "{\"enter_sound\":999999999}|enter_sound",
        "{\"enter_sound\":\"1\"}|enter_sound",
        "{\"music_on_hold_sound\":0}|music_on_hold_sound",
        "{\"music_on_hold_sound\":true}|music_on_hold_sound",
        "{\"pin\":\"1\",\"volume\":3}|volume"})
    void invalidPropertiesAreRefusedNamingTheFieldAndChangeNothing(String body, String field) {
        Tenant t = newTenant();
        long conference = createConference(t, "3002");
        String path = t.path("/extension/" + conference + "/conference/");
        JsonNode before = api.put(path, t.token(), "{\"pin\":\"5555\",\"mute_non_moderator\":true}").json();

        assertError(api.put(path, t.token(), body), 400, field);
        assertThat(api.get(path, t.token()).json()).isEqualTo(before);
    }

    @Test
    void soundIdsMustBelongToTheSameClient() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        long conference = createConference(a, "3003");
        long theirs = api.upload(b.path("/sound/"), b.token(), "b", "b.wav", WavFiles.sine(440, 8000, 16, 1, 0.2))
                .json().get("id").asLong();
        long mine = api.upload(a.path("/sound/"), a.token(), "a", "a.wav", WavFiles.sine(440, 8000, 16, 1, 0.2))
                .json().get("id").asLong();
        String path = a.path("/extension/" + conference + "/conference/");

        assertError(api.put(path, a.token(), "{\"enter_sound\":" + theirs + "}"), 400, "enter_sound");
        assertError(api.put(path, a.token(), "{\"music_on_hold_sound\":" + theirs + "}"), 400, "music_on_hold_sound");
        Answer ok = api.put(path, a.token(), "{\"enter_sound\":" + mine + ",\"music_on_hold_sound\":" + mine + "}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("enter_sound").asLong()).isEqualTo(mine);
    }

    @Test
    void concurrentPutsOfDifferentFieldsLoseNothing() throws Exception {
        Tenant t = newTenant();
        long conference = createConference(t, "3004");
        String path = t.path("/extension/" + conference + "/conference/");
        List<String> bodies = List.of("{\"announce_caller_name\":true}", "{\"mute_non_moderator\":true}",
                "{\"record_enabled\":true}", "{\"max_members\":42}", "{\"pin\":\"2468\"}");
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            for (int round = 0; round < 4; round++) {
                api.put(path, t.token(), "{\"announce_caller_name\":false,\"mute_non_moderator\":false,"
                        + "\"record_enabled\":false,\"max_members\":null,\"pin\":null}");
                List<Future<Answer>> answers = new ArrayList<>();
                for (String body : bodies) {
                    answers.add(pool.submit(() -> api.put(path, t.token(), body)));
                }
                for (Future<Answer> f : answers) {
                    assertThat(f.get().status()).as(f.get().toString()).isEqualTo(200);
                }
                JsonNode end = api.get(path, t.token()).json();
                assertThat(end.get("announce_caller_name").asBoolean()).isTrue();
                assertThat(end.get("mute_non_moderator").asBoolean()).isTrue();
                assertThat(end.get("record_enabled").asBoolean()).isTrue();
                assertThat(end.get("max_members").asInt()).isEqualTo(42);
                assertThat(end.get("pin").asText()).isEqualTo("2468");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- sounds ----

    @ParameterizedTest(name = "{0} Hz {1}-bit {2} ch")
    @CsvSource({"8000,16,1", "22050,8,2", "44100,16,2", "48000,24,1", "11025,24,2"})
    void pcmWavUploadsAreConvertedToMonoAt8or16kAndTheOriginalIsKept(int rate, int bits, int channels) {
        Tenant t = newTenant();
        byte[] wav = WavFiles.sine(800, rate, bits, channels, 0.5);
        Answer created = api.upload(t.path("/sound/"), t.token(), "tone", "tone.wav", wav);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode sound = created.json();
        assertThat(sound.get("title").asText()).isEqualTo("tone");
        assertThat(sound.get("original_format").asText()).isEqualTo("wav");
        assertThat(sound.get("original_filename").asText()).isEqualTo("tone.wav");
        assertThat(sound.get("original_size").asLong()).isEqualTo(wav.length);
        assertThat(sound.get("duration_ms").asLong()).isBetween(495L, 500L);
        long id = sound.get("id").asLong();

        Answer original = api.get(t.path("/sound/" + id + "/download"), t.token());
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.bytes()).isEqualTo(wav);
        Answer converted = api.get(t.path("/sound/" + id + "/download?converted=true"), t.token());
        AudioFormat f = WavFiles.formatOf(converted.bytes());
        // a wideband source stays wideband (16 kHz), the rest is telephony (8 kHz)
        assertThat(f.getSampleRate()).isEqualTo(rate >= 16000 ? 16000f : 8000f);
        assertThat(f.getChannels()).isEqualTo(1);
        assertThat(f.getSampleSizeInBits()).isEqualTo(16);
        assertThat(api.get(t.path("/sound/"), t.token()).json()).hasSize(1);
        assertThat(api.get(t.path("/sound/" + id), t.token()).json().get("title").asText()).isEqualTo("tone");
    }

    @Test
    void mp3UploadsAreDecoded() throws Exception {
        Tenant t = newTenant();
        byte[] mp3;
        try (InputStream in = getClass().getResourceAsStream("/audio/tone-1khz-44k1-stereo.mp3")) {
            mp3 = in.readAllBytes();
        }
        Answer created = api.upload(t.path("/sound/"), t.token(), "mp3 tone", "tone.mp3", mp3);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("original_format").asText()).isEqualTo("mp3");
        assertThat(created.json().get("duration_ms").asLong()).isBetween(950L, 1150L);
        Answer original = api.get(t.path("/sound/" + created.json().get("id").asLong() + "/download"), t.token());
        assertThat(original.header("Content-Type")).isEqualTo("audio/mpeg");
    }

    @Test
    void badUploadsAreRefusedWithAClearReason() {
        Tenant t = newTenant();
        byte[] wav = WavFiles.sine(440, 8000, 16, 1, 0.2);

        Answer floating = api.upload(t.path("/sound/"), t.token(), "f", "f.wav", WavFiles.floatWav(8000, 0.2));
        assertError(floating, 400, "file");
        assertThat(floating.body()).contains("floating-point");

        byte[] headerless = java.util.Arrays.copyOfRange(wav, 44, wav.length);
        assertError(api.upload(t.path("/sound/"), t.token(), "raw", "raw.wav", headerless), 400, "file");

        byte[] noFmt = wav.clone();
        noFmt[12] = 'j';
        noFmt[13] = 'u';
        noFmt[14] = 'n';
        noFmt[15] = 'k';
        Answer missingFmt = api.upload(t.path("/sound/"), t.token(), "nofmt", "n.wav", noFmt);
        assertError(missingFmt, 400, "file");
        assertThat(missingFmt.body()).contains("format header");

        assertError(api.upload(t.path("/sound/"), t.token(), "text", "notes.txt", "hello".getBytes()), 400, "file");
        assertError(api.upload(t.path("/sound/"), t.token(), null, "a.wav", wav), 400, "title");
        assertError(api.upload(t.path("/sound/"), t.token(), "no file", null, null), 400, "file");
        assertError(api.upload(t.path("/sound/"), t.token(), "   ", "a.wav", wav), 400, "title");

        byte[] big = WavFiles.sine(440, 48000, 24, 2, 40); // about 11.5 MB
        assertThat(big.length).isGreaterThan(10 * 1024 * 1024);
        assertError(api.upload(t.path("/sound/"), t.token(), "big", "big.wav", big), 413, null);

        assertThat(api.get(t.path("/sound/"), t.token()).json()).isEmpty();
    }

    @Test
    void soundAudioCanBeReplacedAndTheSoundRenamed() {
        Tenant t = newTenant();
        long id = api.upload(t.path("/sound/"), t.token(), "first", "a.wav", WavFiles.sine(440, 8000, 16, 1, 1.0))
                .json().get("id").asLong();

        Answer replaced = api.upload(t.path("/sound/" + id), t.token(), null, "b.wav",
                WavFiles.sine(440, 16000, 16, 2, 0.25));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("duration_ms").asLong()).isEqualTo(250);
        assertThat(replaced.json().get("title").asText()).isEqualTo("first");
        assertThat(replaced.json().get("original_filename").asText()).isEqualTo("b.wav");
        assertError(api.upload(t.path("/sound/" + id), t.token(), null, "f.wav", WavFiles.floatWav(8000, 0.1)),
                400, "file");
        assertThat(api.get(t.path("/sound/" + id), t.token()).json().get("duration_ms").asLong()).isEqualTo(250);

        Answer renamed = api.put(t.path("/sound/" + id), t.token(), "{\"title\":\"welcome\"}");
        assertThat(renamed.json().get("title").asText()).isEqualTo("welcome");
        assertError(api.put(t.path("/sound/" + id), t.token(), "{\"title\":\"\"}"), 400, "title");
        assertError(api.put(t.path("/sound/" + id), t.token(), "{\"title\":\"x\",\"id\":5}"), 400, "id");
    }

    @Test
    void aSoundInUseCannotBeDeleted() {
        Tenant t = newTenant();
        long conference = createConference(t, "3100");
        long id = api.upload(t.path("/sound/"), t.token(), "music", "m.wav", WavFiles.sine(440, 8000, 16, 1, 0.2))
                .json().get("id").asLong();
        String props = t.path("/extension/" + conference + "/conference/");
        api.put(props, t.token(), "{\"music_on_hold_sound\":" + id + "}");

        Answer refused = api.delete(t.path("/sound/" + id), t.token());
        assertError(refused, 409, null);
        assertThat(refused.body()).contains("music_on_hold_sound");

        api.put(props, t.token(), "{\"music_on_hold_sound\":null}");
        assertThat(api.delete(t.path("/sound/" + id), t.token()).status()).isEqualTo(204);
        assertError(api.get(t.path("/sound/" + id), t.token()), 404, null);
    }

    // ---- API browser ----

    @Test
    void openApiDocumentIsGeneratedFromTheResourcesAndPublic() {
        Answer doc = api.get("/api/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.json().get("paths");
        assertThat(paths.has("/oauth/token")).isTrue();
        assertThat(paths.get("/api/ver1.0/client/{client_id}/extension/{extension_id}/conference").has("put")).isTrue();
        assertThat(paths.get("/api/ver1.0/client/{client_id}/sound").get("post").get("requestBody").get("content")
                .has("multipart/form-data")).isTrue();
        JsonNode schema = doc.json().get("components").get("schemas").get("ConferenceProperties").get("properties");
        Set<String> names = new TreeSet<>();
        schema.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(SEED_FIELDS);
        assertThat(doc.json().get("components").get("securitySchemes").get("oauth2").get("flows")
                .get("clientCredentials").get("tokenUrl").asText()).isEqualTo("/oauth/token");
    }

    @Test
    void apiBrowserPageIsServedWithoutToken() {
        Answer redirect = api.get("/api/browser", null);
        assertThat(redirect.status()).isEqualTo(303);
        Answer page = api.get("/api/browser/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        Answer init = api.get("/api/browser/swagger-initializer.js", null);
        assertThat(init.body()).contains("../openapi.json");
        assertThat(api.get("/api/browser/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(api.get("/api/browser/nothing.js", null).status()).isEqualTo(404);
    }
}
