package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first steps, copied as they stand (every shell block marked {@code <!-- walkthrough -->}) and
 * run by bash, in the folder the server was started from, against a server started as the README says
 * (no administrator credentials given: they are generated into data/admin-credentials.txt). Only the
 * BASE line is pointed at the test server's port.
 */
class ReadmeWalkthroughIT {

    private static final Path README = Path.of("../../README.md");
    private static final Pattern BLOCK = Pattern.compile("<!-- walkthrough -->\\s*```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theFirstStepsWorkAsWrittenAndAWrongSecretShowsTheServersAnswer() throws Exception {
        List<String> blocks = walkthrough();
        assertThat(blocks).as("walkthrough blocks in the README").hasSizeGreaterThanOrEqualTo(4);

        try (RunningServer server = RunningServer.start(Map.of("CONF_ADMIN_CLIENT_ID", "",
                "CONF_ADMIN_CLIENT_SECRET", ""))) {
            Path folder = server.workingDirectory();
            Files.write(folder.resolve("music.wav"), toneWav());
            String base = "BASE=" + server.baseUrl();

            String wrong = bash(folder, blocks.get(0).replaceFirst("BASE=\\S+", base)
                    .replace(". data/admin-credentials.txt", ". data/admin-credentials.txt\nCONF_ADMIN_CLIENT_SECRET=wrong"));
            assertThat(wrong).contains("NO TOKEN, the server answered: {").contains("invalid_client")
                    .doesNotContain("got a token");

            String script = "set -e\n" + String.join("\n", blocks).replaceFirst("BASE=\\S+", base)
                    + "\necho \"RESULT $EXTENSION_ID $SOUND_ID\"\n"
                    + "curl -sS --fail-with-body -H \"Authorization: Bearer $TOKEN\" "
                    + "$BASE/api/ver1.0/client/@me/extension/$EXTENSION_ID/conference\n";
            String output = bash(folder, script);

            assertThat(output).contains("got a token").contains("\"name\":\"1000\"").contains("\"title\":\"hold music\"");
            Matcher ids = Pattern.compile("RESULT (\\d+) (\\d+)").matcher(output);
            assertThat(ids.find()).as(output).isTrue();
            String properties = output.substring(ids.end());
            assertThat(properties).contains("\"pin\":\"1234\"").contains("\"moderator_pin\":\"9876\"")
                    .contains("\"music_on_hold_sound\":" + ids.group(2));
        }
    }

    private static List<String> walkthrough() throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String bash(Path folder, String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script).directory(folder.toFile())
                .redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the walkthrough hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status of:\n" + script + "\noutput:\n" + text).isZero();
        return text;
    }

    /** One second of a 440 Hz tone, 8 kHz 16-bit mono PCM WAV. */
    static byte[] toneWav() {
        int samples = 8000;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(header.array());
        wav.writeBytes(pcm.array());
        return wav.toByteArray();
    }
}
