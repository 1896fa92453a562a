package org.confbridge.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {
    private final List<Character> digits = new ArrayList<>();
    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver(digits::add);

    @Test
    void onePressWithThreeEndPacketsIsOneDigit() {
        event(1000, 5, false, 160);
        event(1000, 5, false, 320);
        event(1000, 5, true, 800);
        event(1000, 5, true, 800);
        event(1000, 5, true, 800);

        assertThat(digits).containsExactly('5');
    }

    @Test
    void theSameKeyTwiceIsTwoDigits() {
        event(1000, 0, true, 800);
        event(2000, 0, true, 800);

        assertThat(digits).containsExactly('0', '0');
    }

    @Test
    void pressWhoseEndPacketsWereAllLostIsReportedWhenTheNextStarts() {
        event(1000, 1, false, 160);
        event(1000, 1, false, 320);
        event(2000, 2, false, 160);
        event(2000, 2, true, 800);

        assertThat(digits).containsExactly('1', '2');
    }

    @Test
    void pressWithoutEndIsReportedWhenAudioResumesAfterIt() {
        event(1000, 10, false, 400);
        receiver.onAudioPacket(1200); // still inside the press
        assertThat(digits).isEmpty();
        receiver.onAudioPacket(1600);

        assertThat(digits).containsExactly('*');
    }

    @Test
    void redundantBlocksOfEarlierPressesAreReportedOnceAndFillGaps() {
        // Packet 1 (lost): '4' alone. Packet 2 carries '4' (ended, 400 samples) redundantly, then '7' starting after it.
        multi(1000, new int[][] {{4, 1, 400}, {7, 0, 160}});
        multi(1000, new int[][] {{4, 1, 400}, {7, 1, 480}});
        multi(1000, new int[][] {{4, 1, 400}, {7, 1, 480}});

        assertThat(digits).containsExactly('4', '7');
    }

    @Test
    void nonKeyEventsAndShortPayloadsAreIgnored() {
        event(1000, 16, true, 800); // flash
        receiver.onEventPacket(2000, new byte[2], 0, 2);

        assertThat(digits).isEmpty();
        assertThat(receiver.ignoredPackets()).isEqualTo(2);
    }

    private void multi(long timestamp, int[][] blocks) {
        byte[] payload = new byte[4 * blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            payload[4 * i] = (byte) blocks[i][0];
            payload[4 * i + 1] = (byte) (blocks[i][1] == 1 ? 0x8A : 0x0A);
            payload[4 * i + 2] = (byte) (blocks[i][2] >> 8);
            payload[4 * i + 3] = (byte) blocks[i][2];
        }
        receiver.onEventPacket(timestamp, payload, 0, payload.length);
    }

    private void event(long timestamp, int event, boolean end, int duration) {
        byte[] payload = {(byte) event, (byte) (end ? 0x8A : 0x0A), (byte) (duration >> 8), (byte) duration};
        receiver.onEventPacket(timestamp, payload, 0, payload.length);
    }
}
