package org.confbridge.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.confbridge.app.events.ConferenceEvent;
import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void signatureIsHexHmacSha256OfTimestampDotBody() {
        // Reference value from Python: hmac.new(b'secret', b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        assertThat(Signature.of("secret", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }

    @Test
    void backoffDoublesFromOneSecondToAMinuteThenGivesUpAfterADay() {
        assertThat(Backoff.next(T0, T0, 1)).isEqualTo(T0.plusSeconds(1));
        assertThat(Backoff.next(T0, T0, 2)).isEqualTo(T0.plusSeconds(2));
        assertThat(Backoff.next(T0, T0, 6)).isEqualTo(T0.plusSeconds(32));
        assertThat(Backoff.next(T0, T0, 7)).isEqualTo(T0.plusSeconds(60));
        assertThat(Backoff.next(T0, T0, 500)).isEqualTo(T0.plusSeconds(60));
        Instant lastHour = T0.plus(Duration.ofHours(23));
        assertThat(Backoff.next(lastHour, T0, 100)).isEqualTo(lastHour.plusSeconds(60));
        assertThat(Backoff.next(T0.plus(Duration.ofHours(24)), T0, 100)).isNull();
    }

    @Test
    void payloadIsJsonWithEscapedTextAndTypedValues() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Bob \"B\"\n\\x\u0001");
        data.put("muted", true);
        data.put("peak", 3);
        data.put("invited_by", null);
        ConferenceEvent event = new ConferenceEvent(7, "participant.joined", T0, 1, 2, "c1", "p1", data);
        assertThat(EventPayload.json("r:7", event)).isEqualTo("{\"id\":\"r:7\",\"sequence\":7,"
                + "\"type\":\"participant.joined\",\"time\":\"2026-11-30T12:00:00Z\",\"client_id\":1,"
                + "\"extension_id\":2,\"conference_id\":\"c1\",\"participant_id\":\"p1\",\"data\":{"
                + "\"name\":\"Bob \\\"B\\\"\\n\\\\x\\u0001\",\"muted\":true,\"peak\":3,\"invited_by\":null}}");
        ConferenceEvent bare = new ConferenceEvent(8, "conference.started", T0, 1, 2, "c1", null, Map.of());
        assertThat(EventPayload.json("r:8", bare)).contains("\"participant_id\":null,\"data\":{}}");
    }
}
