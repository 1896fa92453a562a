package org.confbridge.interfaces.rest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.confbridge.app.events.ConferenceEvent;
import org.junit.jupiter.api.Test;

class ResumePointTest {

    @Test
    void parsesRunAndSequenceAndRefusesAnythingElse() {
        assertThat(ResumePoint.parse("k3x9q1:42")).contains(new ResumePoint("k3x9q1", 42));
        assertThat(ResumePoint.parse(ResumePoint.idOf("abc", 7)).map(ResumePoint::id)).contains("abc:7");
        assertThat(ResumePoint.parse(null)).isEmpty();
        assertThat(ResumePoint.parse("42")).isEmpty();
        assertThat(ResumePoint.parse(":42")).isEmpty();
        assertThat(ResumePoint.parse("run:-1")).isEmpty();
        assertThat(ResumePoint.parse("run:x")).isEmpty();
    }

    @Test
    void theFilterKeepsTheClientsEventsOfTheAskedTypesAndExtension() {
        var all = EventStreamResource.filter(1, null, null);
        var some = EventStreamResource.filter(1, "participant.joined, participant.left", 5L);
        assertThat(all.test(event(1, 5, "participant.talking"))).isTrue();
        assertThat(all.test(event(2, 5, "participant.talking"))).as("another client").isFalse();
        assertThat(some.test(event(1, 5, "participant.left"))).isTrue();
        assertThat(some.test(event(1, 5, "participant.talking"))).isFalse();
        assertThat(some.test(event(1, 6, "participant.left"))).as("another extension").isFalse();
    }

    private static ConferenceEvent event(long client, long extension, String type) {
        return new ConferenceEvent(1, type, Instant.EPOCH, client, extension, "c", "p", Map.of());
    }
}
