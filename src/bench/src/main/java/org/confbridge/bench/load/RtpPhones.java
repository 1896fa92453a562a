package org.confbridge.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.sdp.AudioCodec;

/**
 * The media side of the simulated phones: one UDP socket per phone (as real phones have), one
 * of {@value #SENDERS} sender threads (each a share of the phones: one thread's loopback sends for thousands
 * of phones take longer than a tick) that send every active phone's 20 ms PCMU packet each 20 ms (talkers a tone,
 * the others low line noise, like phones without silence suppression), and one receiver thread
 * that reads what the server sends through a selector and keeps, per stream, the figures the
 * report needs: frames received, sequence gaps (lost), and frames later than
 * {@value #LATE_NANOS} ns behind the stream's best transit time (arrival minus RTP timestamp).
 *
 * <p>Only packets that arrive inside the measurement window ({@link #measure}) are counted.
 * Read the figures after {@link #stop()} (the join gives the happens-before).
 */
final class RtpPhones implements AutoCloseable {
    static final int FRAME = 160;
    static final int PACKET = 12 + FRAME;
    static final long TICK_NANOS = 20_000_000L;
    private static final long LATE_NANOS = 40_000_000L;
    private static final long NANOS_PER_SAMPLE = 125_000L; // 8 kHz
    private static final int TONE_FRAMES = 5;               // 440 Hz repeats every 100 ms at 8 kHz
    private static final int NOISE_FRAMES = 64;

    private final int count;
    private final int roomSize;
    private final int talkers;
    private final TalkSpurts spurts = TalkSpurts.fromEnvironment();
    private final DatagramChannel[] channels;
    private final Selector selector;
    private final AtomicIntegerArray active;
    private final byte[][] tone = new byte[TONE_FRAMES][FRAME];
    private final byte[][] noise = new byte[NOISE_FRAMES][FRAME];
    private volatile boolean running = true;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private static final int SENDERS = 2;
    private final Thread[] senders = new Thread[SENDERS];
    private volatile long sendStart;
    private Thread receiver;

    // receiver thread (read after stop())
    private final long[] bestTransit;
    private final long[] lastTs;      // extended RTP timestamp of the newest packet
    private final int[] lastRawTs;
    private final long[] lastSeq;     // extended sequence number of the newest packet
    private final int[] lastRawSeq;
    private final long[] firstSeqInWindow;
    private final long[] lastSeqInWindow;
    private final long[] receivedInWindow;
    private final long[] lateInWindow;
    private final boolean[] seen;
    private long receivedTotal;

    // per sender thread (read after stop())
    private final long[] sentInWindow = new long[SENDERS];
    private final long[] senderSkippedTicks = new long[SENDERS];
    private final long[] senderLateTicks = new long[SENDERS];

    RtpPhones(int count, int roomSize, int talkers) throws IOException {
        this.count = count;
        this.roomSize = roomSize;
        this.talkers = talkers;
        this.channels = new DatagramChannel[count];
        this.selector = Selector.open();
        this.active = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, i);
            channels[i] = channel;
        }
        bestTransit = new long[count];
        java.util.Arrays.fill(bestTransit, Long.MAX_VALUE);
        lastTs = new long[count];
        lastRawTs = new int[count];
        lastSeq = new long[count];
        lastRawSeq = new int[count];
        firstSeqInWindow = new long[count];
        lastSeqInWindow = new long[count];
        receivedInWindow = new long[count];
        lateInWindow = new long[count];
        seen = new boolean[count];
        java.util.Arrays.fill(firstSeqInWindow, -1);
        java.util.Arrays.fill(lastSeqInWindow, Long.MIN_VALUE);
        prepareAudio();
    }

    private void prepareAudio() {
        Random random = new Random(1);
        G711Codec pcmu = G711Codec.of(AudioCodec.PCMU);
        short[] pcm = new short[FRAME];
        for (int f = 0; f < TONE_FRAMES; f++) {
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * (f * FRAME + i) / 8000.0));
            }
            pcmu.encode(pcm, 0, FRAME, tone[f], 0);
        }
        for (int f = 0; f < NOISE_FRAMES; f++) {
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = (short) (random.nextGaussian() * 30);
            }
            pcmu.encode(pcm, 0, FRAME, noise[f], 0);
        }
    }

    int localPort(int phone) throws IOException {
        return ((InetSocketAddress) channels[phone].getLocalAddress()).getPort();
    }

    /** The call of {@code phone} is answered: send to and hear only {@code serverRtp} from now on. */
    void activate(int phone, InetSocketAddress serverRtp) throws IOException {
        channels[phone].connect(serverRtp);
        active.set(phone, 1);
    }

    int activeCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += active.get(i);
        }
        return n;
    }

    void start() {
        sendStart = System.nanoTime();
        for (int i = 0; i < SENDERS; i++) {
            int share = i;
            senders[i] = new Thread(() -> sendLoop(share), "load-rtp-sender-" + i);
            senders[i].setPriority(Thread.MAX_PRIORITY);
        }
        receiver = new Thread(this::receiveLoop, "load-rtp-receiver");
        receiver.setPriority(Thread.MAX_PRIORITY);
        for (Thread sender : senders) {
            sender.start();
        }
        receiver.start();
    }

    /** Counts packets that arrive between the two instants ({@link System#nanoTime()} scale). */
    void measure(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    /** Sends the packets of the phones {@code share}, {@code share + SENDERS}, ... every tick. */
    private void sendLoop(int share) {
        ByteBuffer packet = ByteBuffer.allocateDirect(PACKET);
        int[] seq = new int[count];
        int[] ts = new int[count];
        long start = sendStart;
        for (long tick = 0; running; tick++) {
            long due = start + tick * TICK_NANOS;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) { // park may return early
                LockSupport.parkNanos(wait);
            }
            if (-wait > TICK_NANOS / 2) {
                senderLateTicks[share]++;
                if (-wait > 5 * TICK_NANOS) { // stalled: do not send a burst of old frames
                    long behind = -wait / TICK_NANOS;
                    senderSkippedTicks[share] += behind;
                    tick += behind;
                }
            }
            long now = System.nanoTime();
            boolean inWindow = now >= windowStart && now < windowEnd;
            for (int p = share; p < count; p += SENDERS) {
                if (active.get(p) == 0) {
                    continue;
                }
                byte[] payload = p % roomSize < talkers && spurts.talking(p, tick) ? tone[(int) (tick % TONE_FRAMES)]
                        : noise[(int) ((tick + p) % NOISE_FRAMES)];
                packet.clear();
                packet.put((byte) 0x80).put((byte) 0).putShort((short) seq[p]).putInt(ts[p]).putInt(p + 1);
                packet.put(payload).flip();
                seq[p]++;
                ts[p] += FRAME;
                try {
                    if (channels[p].write(packet) > 0 && inWindow) {
                        sentInWindow[share]++;
                    }
                } catch (IOException e) {
                    // ICMP unreachable after the server closed the port: counted as not sent
                }
            }
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        java.util.function.Consumer<SelectionKey> read = key -> readOne(key, buffer);
        while (running) {
            try {
                selector.select(read, 100);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One datagram per readiness (the selector is level-triggered: a second waiting one is reported again). */
    private void readOne(SelectionKey key, ByteBuffer buffer) {
        int phone = (Integer) key.attachment();
        buffer.clear();
        try {
            DatagramChannel channel = channels[phone];
            // Connected (answered): read, which makes no sender address per packet; before that, receive.
            if (channel.isConnected() ? channel.read(buffer) <= 0 : channel.receive(buffer) == null) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        long arrival = System.nanoTime();
        if (buffer.position() < 12) {
            return;
        }
        receivedTotal++;
        int rawSeq = buffer.getShort(2) & 0xFFFF;
        int rawTs = buffer.getInt(4);
        long extSeq;
        long extTs;
        if (!seen[phone]) {
            seen[phone] = true;
            extSeq = rawSeq;
            extTs = 0;
        } else {
            extSeq = lastSeq[phone] + (short) (rawSeq - lastRawSeq[phone]);
            extTs = lastTs[phone] + (rawTs - lastRawTs[phone]);
        }
        if (extSeq > lastSeq[phone] || lastRawSeq[phone] == rawSeq) {
            lastSeq[phone] = extSeq;
            lastRawSeq[phone] = rawSeq;
            lastTs[phone] = extTs;
            lastRawTs[phone] = rawTs;
        }
        long transit = arrival - extTs * NANOS_PER_SAMPLE;
        if (transit < bestTransit[phone]) {
            bestTransit[phone] = transit;
        }
        if (arrival >= windowStart && arrival < windowEnd) {
            receivedInWindow[phone]++;
            if (firstSeqInWindow[phone] < 0) {
                firstSeqInWindow[phone] = extSeq;
            }
            if (extSeq > lastSeqInWindow[phone]) {
                lastSeqInWindow[phone] = extSeq;
            }
            if (transit - bestTransit[phone] > LATE_NANOS) {
                lateInWindow[phone]++;
            }
        }
    }

    /** Figures of the measurement window, summed over the phones that were active. */
    record Figures(int phones, long received, long lost, long late, long sent, long senderLateTicks,
            long senderSkippedTicks, long phonesSilent) {
    }

    Figures figures() {
        long received = 0;
        long lost = 0;
        long late = 0;
        int phones = 0;
        long silent = 0;
        for (int i = 0; i < count; i++) {
            if (active.get(i) == 0) {
                continue;
            }
            phones++;
            if (receivedInWindow[i] == 0) {
                silent++;
                continue;
            }
            received += receivedInWindow[i];
            late += lateInWindow[i];
            long expected = lastSeqInWindow[i] - firstSeqInWindow[i] + 1;
            lost += Math.max(0, expected - receivedInWindow[i]);
        }
        return new Figures(phones, received, lost, late, java.util.Arrays.stream(sentInWindow).sum(),
                java.util.Arrays.stream(senderLateTicks).max().orElse(0),
                java.util.Arrays.stream(senderSkippedTicks).max().orElse(0), silent);
    }

    long receivedTotal() {
        return receivedTotal;
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        if (receiver != null) {
            for (Thread sender : senders) {
                sender.join();
            }
            receiver.join();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        for (DatagramChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
