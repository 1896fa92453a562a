package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.Test;

/** G.711, G.722 and the resamplers allocate nothing per frame (the media tick must make no garbage). */
class CodecAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aSteadyStreamOfFramesAllocatesNothing() {
        G722Encoder g722Encoder = new G722Encoder();
        G722Decoder g722Decoder = new G722Decoder();
        G711FrameCodec g711 = G711FrameCodec.of(AudioCodec.PCMU);
        Upsampler2x upsampler = new Upsampler2x();
        Downsampler2x downsampler = new Downsampler2x();
        short[] wide = CodecSignals.tone(1000, 16000, 8000, 320);
        short[] narrow = CodecSignals.tone(1000, 8000, 8000, 160);
        short[] pcm = new short[320];
        byte[] payload = new byte[320];
        Runnable frame = () -> {
            g722Decoder.decode(payload, 0, g722Encoder.encode(wide, payload), pcm);
            g722Decoder.conceal(pcm);
            g711.decode(payload, 0, g711.encode(narrow, payload), pcm);
            upsampler.process(narrow, pcm);
            downsampler.process(wide, narrow);
        };
        for (int i = 0; i < 20_000; i++) {
            frame.run(); // compiled before measuring
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            frame.run();
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1000 frames").isLessThan(1024);
    }
}
