package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Closing a phone frees its SIP and RTP ports and ends its media threads, with calls still up. */
class ResourceReleaseTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closeWithALiveCallReleasesPortsAndThreads() throws Exception {
        TestPhone caller = TestPhone.start();
        TestPhone callee = TestPhone.start();
        callee.onIncoming(IncomingPolicy.answer());
        Call call = caller.call(callee.uri("gw"));
        call.expectState(CallState.ANSWERED, WAIT);
        Call peer = callee.awaitIncomingCall(WAIT);
        int sipPort = caller.sipPort();
        int rtpPort = call.rtp().localPort();

        long start = System.nanoTime();
        caller.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        assertThat(peer.awaitState(CallState.ENDED, WAIT)).as("close hangs up with BYE").isTrue();
        assertThat(bindableWithinASecond(sipPort, rtpPort)).as("SIP and RTP ports free again").isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().endsWith("-" + rtpPort));
        callee.close();
        assertThat(caller.calls()).allMatch(c -> c.state().isTerminal());
    }

    private static boolean bindableWithinASecond(int sipPort, int rtpPort) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (true) {
            try {
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, sipPort));
                        ServerSocket tcp = new ServerSocket(sipPort, 1, loopback);
                        DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(loopback, rtpPort))) {
                    return true;
                }
            } catch (java.io.IOException stillBound) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void closeIsQuickWhenThePeerNeverAnswers() throws Exception {
        try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            TestPhone phone = TestPhone.start();
            Call call = phone.call("sip:nobody@127.0.0.1:" + blackHole.getLocalPort());
            Thread.sleep(200);
            assertThat(call.state()).isEqualTo(CallState.CALLING);
            long start = System.nanoTime();
            phone.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
            assertThat(call.state()).isEqualTo(CallState.FAILED);
        }
    }

    @Test
    void callingAfterCloseIsAClearError() throws Exception {
        TestPhone phone = TestPhone.start();
        phone.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> phone.call("sip:x@127.0.0.1:5"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void malformedTargetIsAClearError() throws Exception {
        try (TestPhone phone = TestPhone.start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> phone.call("mailto:nobody@example.org"))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("sip:");
        }
    }
}
