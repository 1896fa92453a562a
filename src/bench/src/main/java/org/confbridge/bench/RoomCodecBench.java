package org.confbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.Room;
import org.confbridge.media.codec.FrameEncoder;
import org.confbridge.media.codec.G711FrameCodec;
import org.confbridge.media.codec.G722Encoder;
import org.confbridge.media.codec.OpusFrameEncoder;
import org.confbridge.media.engine.DefaultMediaEngine;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;
import org.confbridge.media.srtp.SdesCrypto;
import org.confbridge.media.srtp.SrtpKeys;
import org.confbridge.media.srtp.SrtpStream;
import org.confbridge.media.srtp.SrtpSuite;

/**
 * Issue 14's codec figures: CPU per participant-frame of the whole media path (receive thread: SRTP, checks,
 * queue; mixer tick: decode, jitter buffer, talk detection, mix, encode, SRTP, send) for rooms of 10 in one
 * codec, with and without SRTP. Every phone sends a packet every 20 ms (phones do not stop sending in silence);
 * two per room talk, the other eight send silence and hear the room's shared frame (encoded once per codec).
 * The engine runs on a manual clock as fast as it can; the phones are real UDP sockets on loopback.
 *
 * <p>Run: {@code mvn -B -q -Pbench -pl src/bench -am package -DskipTests} then
 * {@code java -cp src/bench/target/benchmarks.jar org.confbridge.bench.RoomCodecBench [rooms] [ticks]}.
 */
public final class RoomCodecBench {
    private static final int ROOM_SIZE = 10;
    private static final int TALKERS = 2;

    private RoomCodecBench() {
    }

    public static void main(String[] args) throws Exception {
        int rooms = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        System.out.printf("rooms of %d (%d talking), %d rooms, %d ticks after warm-up; us per participant-frame%n",
                ROOM_SIZE, TALKERS, rooms, ticks);
        System.out.printf("%-6s %-5s %10s %10s %10s%n", "codec", "srtp", "mixer", "receive", "total");
        for (AudioCodec codec : new AudioCodec[] {AudioCodec.PCMU, AudioCodec.G722, AudioCodec.OPUS}) {
            for (boolean srtp : new boolean[] {false, true}) {
                run(codec, srtp, rooms, ticks / 3, false);  // warm-up (JIT)
                run(codec, srtp, rooms, ticks, true);
            }
        }
    }

    private static void run(AudioCodec codec, boolean srtp, int rooms, int ticks, boolean print) throws Exception {
        int base = 30000 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(10000);
        MediaEngineConfig config = MediaEngineConfig.defaults(InetAddress.getLoopbackAddress())
                .withPorts(base, base + 4 * rooms * ROOM_SIZE + 10).withReceiveThreads(1);
        try (DefaultMediaEngine engine = DefaultMediaEngine.manual(config, Runnable::run, Runnable::run)) {
            List<Phone> phones = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                Room room = engine.createRoom("bench-" + r);
                for (int m = 0; m < ROOM_SIZE; m++) {
                    Phone phone = new Phone(codec, srtp, m < TALKERS ? 300 + 150 * m : 0, engine.allocateLeg());
                    room.join(phone.leg, JoinOptions.DEFAULT);
                    phones.add(phone);
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long receiveBefore = receiveCpu(threads);
            long mixer = 0;
            long expected = 0;
            for (int t = 0; t < ticks; t++) {
                for (Phone phone : phones) {
                    phone.send(t);
                }
                expected += phones.size();
                awaitReceived(phones, t + 1);
                long start = threads.getCurrentThreadCpuTime();
                engine.advance(1);
                mixer += threads.getCurrentThreadCpuTime() - start;
            }
            long receive = receiveCpu(threads) - receiveBefore;
            double frames = (double) ticks * phones.size();
            if (print) {
                System.out.printf("%-6s %-5s %10.2f %10.2f %10.2f%n", codec, srtp ? "yes" : "no",
                        mixer / 1000.0 / frames, receive / 1000.0 / frames, (mixer + receive) / 1000.0 / frames);
            }
            for (Phone phone : phones) {
                phone.close();
            }
        }
    }

    private static void awaitReceived(List<Phone> phones, long packets) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (Phone phone : phones) {
            while (phone.leg.stats().packetsReceived() < packets) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a leg did not receive its packet " + packets);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static long receiveCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("media-rtp-rx")) {
                total += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }

    /** One caller: a UDP socket, its pre-encoded audio, its SRTP context. */
    private static final class Phone implements AutoCloseable {
        private static final int LOOP_FRAMES = 50;
        final MediaLeg leg;
        private final DatagramChannel channel;
        private final byte[][] payloads = new byte[LOOP_FRAMES][];
        private final AudioCodec codec;
        private final SrtpStream srtp;
        private final InetSocketAddress target;
        private final byte[] packet = new byte[1500];
        private long timestamp;

        Phone(AudioCodec codec, boolean secure, double toneHz, MediaLeg leg) throws Exception {
            this.codec = codec;
            this.leg = leg;
            channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            target = new InetSocketAddress(InetAddress.getLoopbackAddress(), leg.localPort());
            SrtpKeys engineKeys = null;
            if (secure) {
                SdesCrypto ours = SdesCrypto.random(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);
                SdesCrypto theirs = SdesCrypto.random(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);
                engineKeys = new SrtpKeys(theirs, ours);
                srtp = new SrtpStream(new SrtpKeys(ours, theirs));
            } else {
                srtp = null;
            }
            leg.update(new NegotiatedMedia((InetSocketAddress) channel.getLocalAddress(), codec,
                    codec.offeredPayloadType(), -1, MediaDirection.SENDRECV, 20, engineKeys));
            FrameEncoder encoder = switch (codec) {
                case PCMU, PCMA -> G711FrameCodec.of(codec);
                case G722 -> new G722Encoder();
                case OPUS -> new OpusFrameEncoder();
            };
            int rate = codec.pcmRate();
            short[] pcm = new short[rate / 50];
            byte[] out = new byte[1500];
            for (int f = 0; f < LOOP_FRAMES; f++) {
                for (int i = 0; i < pcm.length; i++) {
                    long n = (long) f * pcm.length + i;
                    pcm[i] = (short) (toneHz > 0 ? 3000 * Math.sin(2 * Math.PI * toneHz * n / rate) : (n % 7) - 3);
                }
                payloads[f] = java.util.Arrays.copyOf(out, encoder.encode(pcm, out));
            }
        }

        void send(int tick) throws java.io.IOException {
            byte[] payload = payloads[tick % LOOP_FRAMES];
            RtpPacket.writeHeader(packet, false, codec.offeredPayloadType(), tick & 0xFFFF, timestamp, hashCode());
            System.arraycopy(payload, 0, packet, RtpPacket.HEADER_SIZE, payload.length);
            int length = RtpPacket.HEADER_SIZE + payload.length;
            if (srtp != null) {
                length = srtp.protect(packet, length);
            }
            channel.send(ByteBuffer.wrap(packet, 0, length), target);
            timestamp += codec.rtpTicksPerFrame();
            ByteBuffer sink = ByteBuffer.allocate(1500);
            while (channel.receive(sink) != null) {
                sink.clear(); // what the engine sends us: read and dropped, so the socket never backs up
            }
        }

        @Override
        public void close() throws java.io.IOException {
            leg.close();
            channel.close();
        }
    }
}
