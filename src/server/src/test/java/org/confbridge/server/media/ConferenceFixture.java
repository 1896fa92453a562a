package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;

/**
 * What the end-to-end audio tests do to a running server: create conference extensions and set
 * their properties over REST (as the administrator, in the default client that SIP requests to
 * 127.0.0.1 land in), upload sounds, and dial in with a test phone that sends its own tone.
 */
public final class ConferenceFixture {

    /** Level of the tone each test caller sends. */
    public static final double SEND_DBFS = -20;
    /** A tone at least this loud is "heard". */
    public static final double HEARD_DBFS = -35;
    /** A tone below this is "not heard" (G.711 noise and leakage of other tones stay well below). */
    public static final double NOT_HEARD_DBFS = -50;
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final RunningServer server;
    private final ApiClient api;
    private final String token;

    public ConferenceFixture(RunningServer server) {
        this.server = server;
        this.api = new ApiClient(server.baseUrl());
        this.token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
    }

    /** A conference extension with a fresh number. */
    public record Conference(long id, String number) {
    }

    /** Creates a conference extension and applies {@code propertiesJson} (e.g. {@code {"pin":"1234"}}). */
    public Conference create(String propertiesJson) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String number = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
            ApiClient.Answer created = api.post("/api/ver1.0/client/@me/extension/", token,
                    "{\"name\":\"" + number + "\",\"type\":\"conference\",\"label\":\"e2e " + number + "\"}");
            if (created.status() == 409) {
                continue; // the number is taken: draw another
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Conference conference = new Conference(created.json().get("id").asLong(), number);
            if (propertiesJson != null && !propertiesJson.isBlank()) {
                setProperties(conference, propertiesJson);
            }
            return conference;
        }
        throw new AssertionError("no free extension number after 5 attempts");
    }

    /** PUT of conference properties (only the named fields change). */
    public void setProperties(Conference conference, String propertiesJson) {
        ApiClient.Answer answer = api.put("/api/ver1.0/client/@me/extension/" + conference.id() + "/conference/",
                token, propertiesJson);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** Uploads a WAV as a sound of the default client; returns its id. */
    public long uploadSound(String title, byte[] wav) {
        ApiClient.Answer answer = api.upload("/api/ver1.0/client/@me/sound/", token, title, title + ".wav", wav);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    /** The server's open media legs ({@code confbridge_media_legs} of {@code GET /metrics}). */
    public long mediaLegs() {
        ApiClient.Answer answer = get("/metrics");
        java.util.regex.Matcher legs = java.util.regex.Pattern.compile("(?m)^confbridge_media_legs(?:\\{[^}]*\\})? ([0-9.eE+]+)$")
                .matcher(answer.body());
        if (answer.status() != 200 || !legs.find()) {
            throw new AssertionError("no confbridge_media_legs in /metrics: " + answer.status());
        }
        return (long) Double.parseDouble(legs.group(1));
    }

    /** GET of an API path as the administrator. */
    public ApiClient.Answer get(String path) {
        return api.get(path, token);
    }

    public String uri(Conference conference) {
        return "sip:" + conference.number() + "@127.0.0.1:" + server.sipPort();
    }

    /** Dials in sending a tone of {@code toneHz} and waits for the answer. */
    public Call dial(TestPhone phone, Conference conference, double toneHz) throws Exception {
        return dial(phone, conference, CallOptions.defaults().sendingTone(toneHz, SEND_DBFS));
    }

    public Call dial(TestPhone phone, Conference conference, CallOptions options) throws Exception {
        Call call = phone.call(uri(conference), options);
        call.expectState(CallState.ANSWERED, ANSWER_TIMEOUT);
        return call;
    }

    /** A WAV file (8 kHz mono 16-bit) of a sine of {@code hz} lasting {@code millis}, to upload as a sound. */
    public static byte[] sineWav(double hz, int millis) {
        int samples = millis * 8;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (6000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        return wav.array();
    }

    /** The RTP port the server answered with (m=audio line of its SDP). */
    public static int serverRtpPort(Call call) {
        for (String line : call.remoteSdp().split("\r?\n")) {
            if (line.startsWith("m=audio ")) {
                return Integer.parseInt(line.split(" ")[1]);
            }
        }
        throw new AssertionError("no m=audio line in " + call.remoteSdp());
    }
}
