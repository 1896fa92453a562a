package org.confbridge.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback, on a random range so that parallel runs do not collide. */
class RtpPortAllocatorTest {
    private final List<DatagramChannel> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (DatagramChannel channel : open) {
            channel.close();
        }
    }

    /**
     * The start of a range whose ports are all free right now, below the ephemeral port range
     * (32768+ on Linux) so that no client socket of another process takes one meanwhile.
     */
    private static int base() throws IOException {
        while (true) {
            int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(5000);
            if (allFree(base, base + 10)) {
                return base;
            }
        }
    }

    private static boolean allFree(int from, int to) throws IOException {
        for (int port = from; port <= to; port += 2) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (java.net.BindException e) {
                return false;
            }
        }
        return true;
    }

    private int port(DatagramChannel channel) throws IOException {
        open.add(channel);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Test
    void portsAreChosenAtRandomNotInSequence() throws IOException {
        int base = base();
        RtpPortAllocator allocator = new RtpPortAllocator(InetAddress.getLoopbackAddress(), base, base + 1998);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ports.add(port(allocator.open()));
        }
        int nextToPrevious = 0;
        for (int i = 1; i < ports.size(); i++) {
            if (Math.abs(ports.get(i) - ports.get(i - 1)) == 2) {
                nextToPrevious++;
            }
        }
        // In sequence, all 29 steps would be +2; at random over 1000 ports, hardly any is.
        assertThat(nextToPrevious).isLessThan(5);
        assertThat(new HashSet<>(ports)).hasSize(30);
        assertThat(ports).allSatisfy(port -> assertThat(port).isEven().isBetween(base, base + 1998));
    }

    @Test
    void aFullRangeHandsOutEveryFreePortThenRefusesThenReusesAReleasedOne() throws IOException {
        int base = base();
        RtpPortAllocator allocator = new RtpPortAllocator(InetAddress.getLoopbackAddress(), base, base + 8);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ports.add(port(allocator.open()));
        }
        assertThat(ports).containsExactlyInAnyOrder(base, base + 2, base + 4, base + 6, base + 8);
        assertThat(allocator.inUseCount()).isEqualTo(5);
        assertThatThrownBy(allocator::open).isInstanceOf(IOException.class).hasMessageContaining("no free RTP port");
        assertThat(allocator.inUseCount()).isEqualTo(5); // a failed attempt holds nothing

        DatagramChannel first = open.remove(0);
        int freed = ((InetSocketAddress) first.getLocalAddress()).getPort();
        first.close();
        allocator.release(freed);

        assertThat(port(allocator.open())).isEqualTo(freed);
        assertThat(allocator.inUseCount()).isEqualTo(5);
    }

    @Test
    void aPortHeldByAnotherProcessIsSkippedAndNotCounted() throws IOException {
        int base = base();
        try (DatagramChannel squatter = DatagramChannel.open()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
            RtpPortAllocator allocator = new RtpPortAllocator(InetAddress.getLoopbackAddress(), base, base + 4);

            Set<Integer> ports = Set.of(port(allocator.open()), port(allocator.open()));

            assertThat(ports).containsExactlyInAnyOrder(base, base + 4);
            assertThat(allocator.inUseCount()).isEqualTo(2);
            assertThatThrownBy(allocator::open).isInstanceOf(IOException.class);
            assertThat(allocator.inUseCount()).isEqualTo(2);
        }
    }
}
