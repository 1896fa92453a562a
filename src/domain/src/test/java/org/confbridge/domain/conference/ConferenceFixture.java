package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.settings.ConferenceSettings;

/** A conference, a hand-stepped clock and short helpers for scenario tests. */
class ConferenceFixture {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    final Conference conference = new Conference(42L, ConferencePolicy.DEFAULTS);
    ConferenceSettings settings = ConferenceSettings.DEFAULTS;
    Instant now = T0;

    static ParticipantId id(String name) {
        return ParticipantId.of(name);
    }

    static Instruction.Play play(String to, Prompt... prompts) {
        return Instruction.Play.prompt(id(to), prompts);
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    List<Instruction> arrive(String name) {
        if (!settings.equals(conference.settings())) {
            conference.changeSettings(settings, now); // the test changed the properties (as a REST PUT would)
        }
        return conference.arrive(new Caller(id(name), "10" + name.length(), name), now);
    }

    List<Instruction> keys(String name, String keys) {
        List<Instruction> last = List.of();
        for (char c : keys.toCharArray()) {
            last = conference.pressKey(id(name), c, now);
        }
        return last;
    }

    /** Arrives without a PIN configured and checks the caller ended up in the room. */
    List<Instruction> joinWithoutPin(String name) {
        List<Instruction> out = arrive(name);
        assertThat(conference.participant(id(name))).hasValueSatisfying(p -> assertThat(p.inRoom()).isTrue());
        return out;
    }

    /** With pin 1111 / moderator pin 9999: a moderator in the room. */
    void joinAsModerator(String name) {
        arrive(name);
        keys(name, "9999#");
    }

    /** With pin 1111 / moderator pin 9999: a participant in the room. */
    void joinAsParticipant(String name) {
        arrive(name);
        keys(name, "1111#");
    }

    void usePins() {
        settings = settings.withPin("1111").withModeratorPin("9999");
    }

    boolean muted(String name) {
        return conference.participant(id(name)).orElseThrow().muted();
    }
}
