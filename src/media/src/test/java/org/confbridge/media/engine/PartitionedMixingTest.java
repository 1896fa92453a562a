package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.Room;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.Test;

/** A tick shared by two threads (rooms split between them) mixes exactly as one thread does. */
class PartitionedMixingTest {

    @Test
    void roomsOnDifferentThreadsStayApartAndMixCorrectly() throws Exception {
        try (EngineFixture fixture = new EngineFixture(EngineFixture.baseConfig().withMixThreads(2))) {
            Room first = fixture.engine.createRoom("first");
            Room second = fixture.engine.createRoom("second");
            Room third = fixture.engine.createRoom("third");
            Room[] rooms = {first, second, third, first, second, third};
            for (Room room : rooms) {
                MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
                room.join(leg, JoinOptions.DEFAULT);
            }
            MediaLeg loner = fixture.addParticipant(AudioCodec.PCMA); // in no room: hears silence
            double[] tones = {450, 750, 1150, 1450, 1750, 2050, 2350};

            fixture.talk(20, tones);

            for (int i = 0; i < 6; i++) {
                short[] heard = fixture.phone(i).lastHeard(10);
                int partner = (i + 3) % 6; // same room
                assertThat(Signals.share(heard, tones[partner])).as("phone %d hears its partner", i).isGreaterThan(0.9);
                assertThat(Signals.share(heard, tones[i])).as("phone %d hears itself", i).isLessThan(0.01);
            }
            assertThat(Signals.meanEnergy(fixture.phone(6).lastHeard(10))).isLessThan(100); // A-law idle code decodes to +-8
            assertThat(loner.stats().packetsSent()).isGreaterThan(0);
        }
    }
}
