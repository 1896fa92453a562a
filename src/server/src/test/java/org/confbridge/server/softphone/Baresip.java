package org.confbridge.server.softphone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.confbridge.testkit.audio.AudioClip;
import org.confbridge.testkit.audio.WavFiles;

/**
 * A real softphone for end-to-end tests: Debian's baresip (package baresip-core), run headless. It dials once,
 * says a sine tone (a WAV file played by its aufile module), writes what it hears to a WAV file (sndfile module)
 * and quits by itself after a while, so the files are complete when the test reads them.
 */
final class Baresip implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/baresip");

    private final Path dir;
    private final Process process;

    private Baresip(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isDirectory(Path.of("/usr/lib/baresip/modules"));
    }

    /**
     * How one baresip phone calls: transport and account parameters (codecs, media encryption), the tones it says
     * (all at -20 dBFS each, in a WAV file at its codec's rate, which baresip's aufile requires).
     *
     * @param transport {@code tls} or {@code udp}
     * @param accountParameters e.g. {@code ;mediaenc=srtp-mand;audio_codecs=PCMU}
     * @param trustedCertificate the server's certificate (PEM) for TLS, or null
     * @param sampleRate 8000 for G.711, 16000 for G.722, 48000 for Opus
     * @param channels 2 for Opus (baresip's source takes the codec's channel count), else 1
     */
    record Options(String transport, String accountParameters, Path trustedCertificate, int sampleRate, int channels,
            double... tonesHz) {
    }

    /**
     * Starts baresip in {@code dir}, dialing {@code target}.
     *
     * @param accountParameters e.g. {@code ;mediaenc=srtp-mand;audio_codecs=PCMU}
     * @param trustedCertificate the server's certificate (PEM) for TLS
     * @param runFor baresip quits after this
     */
    static Baresip dial(Path dir, String user, String target, String accountParameters, Path trustedCertificate,
            double toneHz, int sipPort, Duration runFor) throws IOException {
        return dial(dir, user, target, new Options("tls", accountParameters, trustedCertificate, 8000, 1, toneHz),
                sipPort, runFor);
    }

    /** Starts baresip in {@code dir}, dialing {@code target} as {@code options} say; it quits after {@code runFor}. */
    static Baresip dial(Path dir, String user, String target, Options options, int sipPort, Duration runFor)
            throws IOException {
        Files.createDirectories(dir);
        writeTones(dir.resolve("tone.wav"), options.sampleRate(), options.channels(), (int) runFor.toSeconds() + 5,
                options.tonesHz());
        int rtpBase = 20000 + (sipPort % 2000) * 20;
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                options.trustedCertificate() == null ? "" : "sip_cafile " + options.trustedCertificate(),
                "audio_player aubridge,nil",
                "audio_source aufile," + dir.resolve("tone.wav"),
                "audio_alert aubridge,nil",
                "audio_level no",
                "ausrc_format s16",
                "rtp_ports " + rtpBase + "-" + (rtpBase + 19),
                "jitter_buffer_delay 1-10",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module g722.so",
                "module opus.so",
                "module srtp.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module account.so",
                "module menu.so",
                "opus_bitrate 32000",
                "snd_path " + dir,
                ""), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@127.0.0.1;transport=" + options.transport()
                + ">;regint=0" + options.accountParameters() + "\n", StandardCharsets.US_ASCII);
        Process process = new ProcessBuilder(BINARY.toString(), "-f", dir.toString(), "-t",
                String.valueOf(runFor.toSeconds()), "-e", "/dial " + target)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile())
                .start();
        return new Baresip(dir, process);
    }

    /** Waits for baresip to quit by itself (its -t time). */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("baresip did not quit within " + timeout + ":\n" + log());
        }
    }

    /** What baresip heard (its decoder's output), after it quit. */
    AudioClip heard() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> decoded = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).toList();
            if (decoded.size() != 1) {
                throw new AssertionError("expected one decoded-audio dump in " + dir + ", got " + decoded + "\n" + log());
            }
            return WavFiles.readChannels(decoded.get(0)).get(0); // Opus decodes to stereo: the left channel
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A 16-bit WAV at {@code rate} of sines at -20 dBFS each, the same in every channel. */
    private static void writeTones(Path file, int rate, int channels, int seconds, double... tonesHz)
            throws IOException {
        int samples = rate * seconds;
        int bytes = samples * 2 * channels;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + bytes)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(rate).putInt(rate * 2 * channels).putShort((short) (2 * channels))
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(bytes);
        double amplitude = 32767 * Math.pow(10, -20 / 20.0) * Math.sqrt(2);
        for (int i = 0; i < samples; i++) {
            double value = 0;
            for (double hz : tonesHz) {
                value += amplitude * Math.sin(2 * Math.PI * hz * i / rate);
            }
            for (int c = 0; c < channels; c++) {
                wav.putShort((short) Math.round(value));
            }
        }
        Files.write(file, wav.array());
    }

    /** A free port on loopback for baresip's SIP listener. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Three seconds of what baresip heard, ending two seconds before its end (everybody in the room by then). */
    static AudioClip nearTheEnd(AudioClip heard) {
        int rate = heard.sampleRate();
        int to = heard.length() - 2 * rate;
        int from = to - 3 * rate;
        if (from <= 0) {
            throw new AssertionError("decoded audio too short: " + heard.duration());
        }
        return new AudioClip(java.util.Arrays.copyOfRange(heard.samples(), from, to), rate);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
