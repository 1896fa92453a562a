package org.confbridge.media.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.AudioCodec;

/**
 * A manually clocked engine on loopback plus test phones, stepped one tick at a time: every phone
 * sends its frame, the test waits until the engine has received them, runs one tick, and every
 * phone reads what it was sent.
 */
final class EngineFixture implements AutoCloseable {
    final DefaultMediaEngine engine;
    final List<TestPhone> phones = new ArrayList<>();
    final List<MediaLeg> legs = new ArrayList<>();
    private int tick;

    EngineFixture() throws IOException {
        this(Duration.ZERO);
    }

    EngineFixture(Duration mediaTimeout) throws IOException {
        this(baseConfig().withMediaTimeout(mediaTimeout));
    }

    EngineFixture(MediaEngineConfig config) throws IOException {
        // Direct executors: callbacks and recording I/O complete before the call that caused them returns.
        this.engine = DefaultMediaEngine.manual(config, Runnable::run, Runnable::run);
    }

    /**
     * Loopback config on a random port range, so parallel test runs do not collide: the production
     * defaults (one RTP port per I/O loop, shared by its legs).
     */
    static MediaEngineConfig baseConfig() {
        int base = 30000 + 2 * ThreadLocalRandom.current().nextInt(12000);
        return MediaEngineConfig.defaults(InetAddress.getLoopbackAddress()).withPorts(base, base + 400);
    }

    /** {@link #baseConfig()} with a UDP port of its own for every leg. */
    static MediaEngineConfig portPerCallConfig() {
        return baseConfig().withPortPerCall(true);
    }

    /** Adds a phone and its leg, already updated with the phone's media description. */
    MediaLeg addParticipant(AudioCodec codec) throws IOException, MediaException {
        TestPhone phone = new TestPhone(codec, 0x1000 + phones.size());
        MediaLeg leg = engine.allocateLeg();
        leg.update(phone.media());
        phones.add(phone);
        legs.add(leg);
        return leg;
    }

    TestPhone phone(int index) {
        return phones.get(index);
    }

    /**
     * One tick: phone i sends {@code frames.get(i)} (null: sends nothing), then the engine ticks
     * and each phone receives one packet.
     */
    void step(List<short[]> frames) throws IOException {
        long[] expected = new long[legs.size()];
        for (int i = 0; i < phones.size(); i++) {
            expected[i] = legs.get(i).stats().packetsReceived();
            if (frames.get(i) != null) {
                phones.get(i).sendFrame(frames.get(i), legs.get(i).localPort());
                expected[i]++;
            }
        }
        awaitReceived(expected);
        engine.advance(1);
        for (TestPhone phone : phones) {
            phone.receiveOne();
        }
        tick++;
    }

    /** Runs {@code ticks} ticks where phone i sends a continuous tone at {@code frequencies[i]} (0: silent). */
    void talk(int ticks, double... frequencies) throws IOException {
        for (int t = 0; t < ticks; t++) {
            List<short[]> frames = new ArrayList<>();
            for (int i = 0; i < frequencies.length; i++) {
                frames.add(frequencies[i] > 0 ? Signals.toneFrame(frequencies[i], tick, 6000, phones.get(i).rate()) : null);
            }
            step(frames);
        }
    }

    void awaitReceived(long[] expected) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < legs.size(); i++) {
            while (legs.get(i).stats().packetsReceived() < expected[i]) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("leg " + i + " did not receive its packet");
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Waits until leg {@code index} counted at least {@code drops} dropped packets. */
    void awaitDropped(int index, long drops) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (legs.get(index).stats().droppedTotal() < drops) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("leg " + index + " dropped only " + legs.get(index).stats().dropped());
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws IOException {
        engine.close();
        for (TestPhone phone : phones) {
            phone.close();
        }
    }
}
