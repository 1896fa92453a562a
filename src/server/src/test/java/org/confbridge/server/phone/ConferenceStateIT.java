package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, conference state: runtime flags (here the lock) reset when the last participant leaves, and
 * a property changed over REST reaches the next caller.
 */
@ExtendWith(SharedServer.class)
class ConferenceStateIT {

    @Test
    void theLockIsGoneOnceTheLastParticipantHasLeft(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            moderator.mark().keys("*92");
            moderator.awaitHears("locked");
            moderator.hangup();

            Caller next = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            assertThat(next.awaitHears("only_participant")).doesNotContain("conf_locked");
            next.hangup();
        }
    }

    @Test
    void aPropertyChangedOverRestReachesTheNextCaller(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Caller first = Caller.silent(fixture, phone, conference);
            assertThat(first.awaitHears("only_participant")).doesNotContain("pin_request");

            fixture.setProperties(conference, "{\"pin\":\"4321\"}");
            first.mark();
            Caller next = Caller.silent(fixture, phone, conference);
            next.awaitHears("pin_request");
            next.keys("4321#");
            first.awaitHears("tone:880"); // the new PIN let the next caller in
            first.hangup();
            next.hangup();
        }
    }
}
