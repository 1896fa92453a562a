package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Room;
import org.confbridge.media.Tone;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The 20 ms tick allocates nothing in steady state (no garbage, so no GC pauses in the media
 * path): two rooms, talkers, silent listeners, a room prompt and a private prompt, both codecs,
 * packets arriving. Measured with the JVM's per-thread allocation counter on the thread that
 * runs the ticks (a manual engine ticks on the caller) and on the receive threads.
 */
class TickAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void steadyStateTicksAllocateNothing() throws Exception {
        measure(EngineFixture.portPerCallConfig().withMixThreads(1), 0);
    }

    @Test
    void steadyStateTicksSharedByTwoThreadsAllocateNothing() throws Exception {
        measure(EngineFixture.portPerCallConfig().withMixThreads(2), 0);
    }

    /**
     * The production transport (shared ports, Netty): the tick still allocates nothing. Its I/O threads
     * do, a little per packet (Netty's datagram envelope and the sender's address, about 100 bytes:
     * short-lived garbage that dies young), which is the price of batched system calls.
     */
    @Test
    void steadyStateTicksOnSharedPortsAllocateNothing() throws Exception {
        measure(EngineFixture.baseConfig().withMixThreads(2), 200);
    }

    /** @param receiveBytesPerPacket what the I/O threads may allocate per packet received or sent */
    private void measure(org.confbridge.media.MediaEngineConfig config, int receiveBytesPerPacket) throws Exception {
        fixture = new EngineFixture(config);
        List<MediaLeg> legs = new ArrayList<>();
        Room first = fixture.engine.createRoom("first");
        Room second = fixture.engine.createRoom("second");
        for (int i = 0; i < 8; i++) {
            MediaLeg leg = fixture.addParticipant(i % 3 == 0 ? AudioCodec.PCMA : AudioCodec.PCMU);
            (i < 4 ? first : second).join(leg, JoinOptions.DEFAULT);
            legs.add(leg);
        }
        second.playToAll(PlayRequest.of(Announcement.tone(Tone.BEEP)).looped());
        legs.get(5).play(PlayRequest.of(Announcement.tone(Tone.BEEP)).looped());

        long[] receiveThreads = threadIds("media-rtp-rx");
        long[] mixThreadIds = threadIds("media-mix");
        long tickBytes = 0;
        long receiveBytes = 0;
        for (int round = 0; round < 2; round++) { // round 0 warms up (class loading, first talk events)
            tickBytes = 0;
            long receiveBefore = allocated(receiveThreads);
            long helpersBefore = allocated(mixThreadIds);
            for (int tick = 0; tick < 400; tick++) {
                long[] expected = new long[8];
                for (int i = 0; i < 8; i++) {
                    expected[i] = legs.get(i).stats().packetsReceived();
                    if (i % 4 < 2) { // two talkers per room
                        fixture.phone(i).sendFrame(Signals.toneFrame(300 + 100 * i, tick, 6000), legs.get(i).localPort());
                        expected[i]++;
                    }
                }
                fixture.awaitReceived(expected); // every frame in time: no talk-state events in steady state
                long before = THREADS.getCurrentThreadAllocatedBytes();
                fixture.engine.advance(1);
                tickBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
                for (int i = 0; i < 8; i++) {
                    fixture.phone(i).receiveOne(); // every leg is sent its frame each tick
                }
            }
            receiveBytes = allocated(receiveThreads) - receiveBefore;
            tickBytes += allocated(mixThreadIds) - helpersBefore;
        }

        // Zero per tick: 16 bytes in every tick would be 6400. The margin is for rare events (a talk-state
        // change hands its callback to the event thread; on a loaded machine a late frame or a recompilation
        // adds a few hundred bytes once: 352 were seen at load 20).
        assertThat(tickBytes).as("bytes allocated by 400 ticks").isLessThan(2048);
        // 1600 packets received and 3200 sent: 16 bytes per packet would be 25 KB or more.
        assertThat(receiveBytes).as("bytes allocated by the receive threads over 400 ticks")
                .isLessThan(4096 + 4800L * receiveBytesPerPacket);
    }

    private long[] threadIds(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix)).mapToLong(Thread::getId).toArray();
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
        }
        return sum;
    }
}
