package org.confbridge.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.interfaces.rest.ApiClient.Answer;
import org.confbridge.interfaces.rest.WavFiles;
import org.confbridge.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests that race for one row, and text that hides what it is, over real HTTP; run on H2
 * ({@link RestRacesAndTextIT}) and on PostgreSQL ({@link RestRacesPostgresIT}).
 */
abstract class RaceAndTextAttacks {

    private static final String EXTENSIONS = "/api/ver1.0/client/@me/extension/";
    private static final String SOUNDS = "/api/ver1.0/client/@me/sound/";

    private final ApiClient api;
    private final String token;
    private ExecutorService pool;

    RaceAndTextAttacks(String baseUrl) {
        api = new ApiClient(baseUrl);
        token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
    }

    @BeforeEach
    void threads() {
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void twentyParallelPostsOfOneNumberGiveOneCreatedAndConflicts() throws Exception {
        String number = randomNumber();
        List<Answer> answers = concurrently(20, () -> api.post(EXTENSIONS, token,
                "{\"name\":\"" + number + "\",\"type\":\"conference\",\"label\":\"race\"}"));

        assertThat(answers).extracting(Answer::status).as(answers.toString()).containsOnly(201, 409);
        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
        answers.stream().filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.json().get("error").asText()).isEqualTo("conflict"));
        Answer list = api.get(EXTENSIONS, token);
        assertThat(list.json().findValuesAsText("name").stream().filter(number::equals)).hasSize(1);

        assertThat(api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"conference\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void renamingManyExtensionsToOneNumberAtOnceLeavesOneWithIt() throws Exception {
        String number = randomNumber();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"phone\"}")
                    .json().get("id").asLong());
        }
        List<Callable<Answer>> renames = new ArrayList<>();
        for (long id : ids) {
            renames.add(() -> api.put(EXTENSIONS + id, token, "{\"name\":\"" + number + "\"}"));
        }
        List<Answer> answers = concurrently(renames);

        assertThat(answers).extracting(Answer::status).as(answers.toString()).containsOnly(200, 409);
        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
    }

    @Test
    void enterSoundSetWhileTheSoundIsDeletedNeverPointsAtADeletedSound() throws Exception {
        for (int round = 0; round < 15; round++) {
            long conference = api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"conference\"}")
                    .json().get("id").asLong();
            long sound = api.upload(SOUNDS, token, "race " + round, "race.wav", WavFiles.sine(440, 8000, 16, 1, 0.1))
                    .json().get("id").asLong();
            String properties = EXTENSIONS + conference + "/conference";
            List<Callable<Answer>> race = List.of(
                    () -> api.put(properties, token, "{\"enter_sound\":" + sound + ",\"music_on_hold_sound\":" + sound + "}"),
                    () -> api.delete(SOUNDS + sound, token));
            List<Answer> answers = concurrently(race);
            Answer put = answers.get(0);
            Answer delete = answers.get(1);

            assertThat(List.of(put.status(), delete.status())).as("round %d: %s", round, answers)
                    .isIn(List.of(200, 409), List.of(400, 204));
            Answer now = api.get(properties, token);
            if (!now.json().get("enter_sound").isNull()) {
                assertThat(api.get(SOUNDS + now.json().get("enter_sound").asLong(), token).status())
                        .as("round %d: the conference points at sound %s", round, now.json().get("enter_sound"))
                        .isEqualTo(200);
            }
            assertThat(api.put(properties, token, "{\"max_members\":7}").status())
                    .as("round %d: the conference can still be changed", round).isEqualTo(200);
        }
    }

    @Test
    void parallelPutsOfOneConferenceEachTakeEffectAndARefusedOneChangesNothing() throws Exception {
        long conference = api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"conference\"}")
                .json().get("id").asLong();
        String properties = EXTENSIONS + conference + "/conference";
        for (int round = 0; round < 10; round++) {
            boolean on = round % 2 == 0;
            int members = 20 + round;
            String pin = "12" + round;
            List<Callable<Answer>> puts = List.of(
                    () -> api.put(properties, token, "{\"announce_caller_name\":" + on + "}"),
                    () -> api.put(properties, token, "{\"mute_non_moderator\":" + on + "}"),
                    () -> api.put(properties, token, "{\"record_enabled\":" + on + "}"),
                    () -> api.put(properties, token, "{\"max_members\":" + members + "}"),
                    () -> api.put(properties, token, "{\"pin\":\"" + pin + "\"}"),
                    () -> api.put(properties, token, "{\"max_members\":0}"));     // refused: 400, nothing of it kept
            List<Answer> answers = concurrently(puts);

            assertThat(answers).extracting(Answer::status).as("round %d: %s", round, answers)
                    .containsExactly(200, 200, 200, 200, 200, 400);
            // each answer shows its own change (whatever the others did meanwhile)
            assertThat(answers.get(0).json().get("announce_caller_name").asBoolean()).isEqualTo(on);
            assertThat(answers.get(3).json().get("max_members").asInt()).isEqualTo(members);
            assertThat(answers.get(4).json().get("pin").asText()).isEqualTo(pin);
            Answer now = api.get(properties, token);
            assertThat(now.json().get("announce_caller_name").asBoolean()).as("round %d", round).isEqualTo(on);
            assertThat(now.json().get("mute_non_moderator").asBoolean()).as("round %d", round).isEqualTo(on);
            assertThat(now.json().get("record_enabled").asBoolean()).as("round %d", round).isEqualTo(on);
            assertThat(now.json().get("max_members").asInt()).as("round %d", round).isEqualTo(members);
            assertThat(now.json().get("pin").asText()).as("round %d", round).isEqualTo(pin);
        }
    }

    @Test
    void labelsTitlesAndNamesRefuseControlAndBidiCharactersNamingTheField() {
        String[] hostile = {"team\u0000", "evil\u202Egpj.exe", "a\tb", "line\nbreak", "x\u2066y\u2069", "\u001b[31mred",
            "del\u007F", "c1\u0085"};
        long extension = api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"conference\"}")
                .json().get("id").asLong();
        long sound = api.upload(SOUNDS, token, "fine", "a.wav", WavFiles.sine(440, 8000, 16, 1, 0.1))
                .json().get("id").asLong();
        for (String text : hostile) {
            String json = json(text);
            assertField(api.post(EXTENSIONS, token, "{\"name\":\"" + randomNumber() + "\",\"type\":\"phone\",\"label\":"
                    + json + "}"), "label", text);
            assertField(api.put(EXTENSIONS + extension, token, "{\"label\":" + json + "}"), "label", text);
            assertField(api.put(SOUNDS + sound, token, "{\"title\":" + json + "}"), "title", text);
            assertField(api.upload(SOUNDS, token, text, "b.wav", WavFiles.sine(440, 8000, 16, 1, 0.1)), "title", text);
            assertField(api.post("/api/ver1.0/client/", token, "{\"name\":" + json + "}"), "name", text);
            assertField(api.post("/api/ver1.0/client/@me/application/", token, "{\"name\":" + json + "}"), "name", text);
        }
        assertThat(api.get(EXTENSIONS + extension, token).json().get("label").isNull()).isTrue();
        assertThat(api.get(SOUNDS + sound, token).json().get("title").asText()).isEqualTo("fine");

        Answer normal = api.put(EXTENSIONS + extension, token, "{\"label\":\"Équipe ventes \u05E9\u05DC\u05D5\u05DD 1\"}");
        assertThat(normal.status()).as(normal.toString()).isEqualTo(200);
        assertThat(normal.json().get("label").asText()).isEqualTo("Équipe ventes \u05E9\u05DC\u05D5\u05DD 1");
    }

    private static void assertField(Answer answer, String field, String text) {
        assertThat(answer.status()).as("%s %s", escaped(text), answer).isEqualTo(400);
        assertThat(answer.json().get("fields").findValuesAsText("field")).as(answer.toString()).contains(field);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c == '"' || c == '\\' || c > 0x7E
                ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    private List<Answer> concurrently(int n, Callable<Answer> request) throws Exception {
        List<Callable<Answer>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(request);
        }
        return concurrently(requests);
    }

    /** Starts every request at the same moment; answers in the order of the requests. */
    private List<Answer> concurrently(List<Callable<Answer>> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Answer> request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    private static String randomNumber() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }
}
