package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.Room;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.Test;

/** The production engine with its own clock and threads, phones streaming in real time. */
class RealTimeConferenceTest {

    @Test
    void threeCallersHearEachOtherInRealTimeAndTalkingIsDetected() throws Exception {
        int base = EngineFixture.baseConfig().rtpPortMin();
        MediaEngineConfig config = MediaEngineConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(base, base + 100);
        double[] tones = {450, 750, 1150};
        List<TestPhone> phones = new ArrayList<>();
        List<MediaLeg> legs = new ArrayList<>();
        List<Boolean> talkingEvents = new CopyOnWriteArrayList<>();
        ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor();
        try (DefaultMediaEngine engine = DefaultMediaEngine.create(config)) {
            engine.start();
            Room room = engine.createRoom("live");
            for (int i = 0; i < 3; i++) {
                TestPhone phone = new TestPhone(i == 1 ? AudioCodec.PCMA : AudioCodec.PCMU, 0x2000 + i);
                MediaLeg leg = engine.allocateLeg();
                leg.update(phone.media());
                room.join(leg, JoinOptions.DEFAULT);
                phones.add(phone);
                legs.add(leg);
            }
            legs.get(0).setListener(new MediaLegListener() {
                @Override
                public void onTalking(boolean talking) {
                    talkingEvents.add(talking);
                }
            });
            int[] frameIndex = {0};
            senders.scheduleAtFixedRate(() -> {
                int index = frameIndex[0]++;
                for (int i = 0; i < 3; i++) {
                    try {
                        if (index < 50 || i != 0) { // phone 0 talks for one second, then goes quiet
                            phones.get(i).sendFrame(Signals.toneFrame(tones[i], index, 6000), legs.get(i).localPort());
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, 0, AudioFrames.FRAME_MILLIS, TimeUnit.MILLISECONDS);

            for (int frame = 0; frame < 40; frame++) { // about 0.8 s of what each phone hears
                for (TestPhone phone : phones) {
                    phone.receiveOne();
                }
            }
            short[] heardByA = phones.get(0).lastHeard(20);
            short[] heardByB = phones.get(1).lastHeard(20);
            assertThat(Signals.share(heardByA, 750)).isGreaterThan(0.1);
            assertThat(Signals.share(heardByA, 1150)).isGreaterThan(0.1);
            assertThat(Signals.share(heardByA, 450)).isLessThan(0.01);
            assertThat(Signals.share(heardByB, 450)).isGreaterThan(0.1);
            assertThat(Signals.share(heardByB, 750)).isLessThan(0.01);

            Thread.sleep(1000); // phone 0 stops after 1 s; the hang time ends its talking
            assertThat(talkingEvents).containsExactly(true, false);
            assertThat(engine.stats().ticks()).isGreaterThan(80);
            assertThat(engine.stats().tickP50Micros()).isPositive(); // timing figures are collected (values depend on load)
        } finally {
            senders.shutdownNow();
            for (TestPhone phone : phones) {
                phone.close();
            }
        }
    }
}
