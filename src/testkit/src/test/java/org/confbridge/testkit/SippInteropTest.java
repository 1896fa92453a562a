package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phone against an independent SIP implementation, sipp's built-in scenarios (Debian sip-tester):
 * proves the phone speaks SIP to something other than itself. Skipped when sipp is not installed.
 */
class SippInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void phoneCallsSippUasAndHangsUp() throws Exception {
        assumeTrue(new File("/usr/bin/sipp").canExecute(), "sipp not installed");
        int sippPort = freeUdpPort();
        Process sipp = sipp("-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(sippPort));
        try (TestPhone phone = TestPhone.start()) {
            Call call = null;
            for (int attempt = 0; attempt < 20 && (call == null || call.state() == CallState.FAILED); attempt++) {
                Thread.sleep(100); // sipp needs a moment to bind
                call = phone.call("sip:service@127.0.0.1:" + sippPort,
                        CallOptions.defaults().answerTimeout(Duration.ofSeconds(3)));
                call.awaitState(CallState.ANSWERED, Duration.ofSeconds(2));
            }
            call.expectState(CallState.ANSWERED, WAIT);
            assertThat(call.provisionalStatuses()).contains(180);
            assertThat(call.remoteSdp()).contains("m=audio");
            call.hangup();
            assertThat(call.responses()).anyMatch(r -> r.method().equals("BYE") && r.status() == 200);
        }
        assertThat(sipp.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sipp.exitValue()).as("sipp: one successful call\n" + log()).isZero();
    }

    @Test
    void sippUacCallsThePhoneWhichAnswers() throws Exception {
        assumeTrue(new File("/usr/bin/sipp").canExecute(), "sipp not installed");
        try (TestPhone phone = TestPhone.start()) {
            phone.onIncoming(IncomingPolicy.answer());
            Process sipp = sipp("-sn", "uac", "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                    "-s", "gw", "127.0.0.1:" + phone.sipPort());
            Call call = phone.awaitIncomingCall(WAIT);
            assertThat(call).as("INVITE from sipp\n" + log()).isNotNull();
            call.expectState(CallState.ANSWERED, WAIT);
            assertThat(call.invite().requestUri()).startsWith("sip:gw@");
            assertThat(call.awaitState(CallState.ENDED, WAIT)).as("sipp's BYE").isTrue();
            assertThat(sipp.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sipp.exitValue()).as("sipp: one successful call\n" + log()).isZero();
        }
    }

    @Test
    void sippPcapAudioAndRfc2833DigitAreHeardByThePhone() throws Exception {
        assumeTrue(new File("/usr/share/sip-tester/dtmf_2833_1.pcap").canRead(), "sipp pcap files not installed");
        Files.createSymbolicLink(dir.resolve("pcap"), Path.of("/usr/share/sip-tester"));
        try (TestPhone phone = TestPhone.start()) {
            phone.onIncoming(IncomingPolicy.answer());
            Process sipp = sipp("-sn", "uac_pcap", "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                    "-s", "gw", "127.0.0.1:" + phone.sipPort());
            Call call = phone.awaitIncomingCall(WAIT);
            assertThat(call).as("INVITE from sipp\n" + log()).isNotNull();
            call.expectState(CallState.ANSWERED, WAIT);
            assertThat(call.codec()).isEqualTo(Codec.PCMA);
            assertThat(call.telephoneEventPayloadType()).isEqualTo(101);
            assertThat(call.rfc4733Digits().awaitKeys(1, Duration.ofSeconds(20))).as("digit from dtmf_2833_1.pcap")
                    .isEqualTo("1");
            assertThat(call.audio().frameCount()).isGreaterThan(50);
            assertThat(call.audio().all().rmsDbfs()).as("recorded speech, not silence").isGreaterThan(-50);
            call.awaitState(CallState.ENDED, Duration.ofSeconds(20));
            Thread.sleep(200);
            assertThat(call.rfc4733Digits().keys()).isEqualTo("1");
            sipp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void outOfDialogOptionsIsAnswered200() throws Exception {
        assumeTrue(new File("/usr/bin/sipp").canExecute(), "sipp not installed");
        Files.writeString(dir.resolve("options.xml"), String.join("\n",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>",
                "<scenario name=\"options\">",
                "  <send><![CDATA[",
                "OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0",
                "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
                "From: <sip:probe@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]",
                "To: <sip:[service]@[remote_ip]:[remote_port]>",
                "Call-ID: [call_id]",
                "CSeq: 1 OPTIONS",
                "Max-Forwards: 70",
                "Content-Length: 0",
                "",
                "]]></send>",
                "  <recv response=\"200\"/>",
                "</scenario>", ""));
        try (TestPhone phone = TestPhone.start()) {
            Process sipp = sipp("-sf", dir.resolve("options.xml").toString(), "-i", "127.0.0.1",
                    "-p", String.valueOf(freeUdpPort()), "-s", "ping", "127.0.0.1:" + phone.sipPort());
            assertThat(sipp.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sipp.exitValue()).as("sipp got 200 to OPTIONS\n" + log()).isZero();
            assertThat(phone.requestsReceived()).anyMatch(r -> r.method().equals("OPTIONS"));
        }
    }

    private Process sipp(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/sipp"));
        command.addAll(List.of(args));
        command.addAll(List.of("-m", "1", "-mp", String.valueOf(freeMediaPorts()), "-cp", String.valueOf(freeUdpPort()),
                "-timeout", "15s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", dir.resolve("err.log").toString()));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        return p;
    }

    private String log() {
        try {
            Path err = dir.resolve("err.log");
            return Files.exists(err) ? Files.readString(err) : "(no sipp error log)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** A port p with p..p+3 free: sipp binds RTP and RTCP for audio and for video (p+2) there. */
    private static int freeMediaPorts() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = freeUdpPort();
            java.util.List<DatagramSocket> held = new java.util.ArrayList<>();
            try {
                for (int port = first; port < first + 4; port++) {
                    held.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
                }
                return first;
            } catch (java.net.SocketException taken) {
                // one of the four is in use: try another
            } finally {
                for (DatagramSocket socket : held) {
                    socket.close();
                }
            }
        }
        throw new IllegalStateException("no four consecutive free UDP ports found");
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            return s.getLocalPort();
        }
    }
}
