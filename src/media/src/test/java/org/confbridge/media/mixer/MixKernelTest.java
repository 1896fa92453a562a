package org.confbridge.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixKernelTest {

    @Test
    void ownVoiceIsRemovedBeforeClippingSoALoudRoomLeavesNoResidue() {
        int[] sum = new int[1];
        short[] own = {30000};
        short[] other = {10000};
        MixKernel.accumulate(sum, own, 1);
        MixKernel.accumulate(sum, other, 1);
        short[] out = new short[1];

        MixKernel.mixMinus(sum, own, out, 1);

        assertThat(out[0]).isEqualTo((short) 10000); // clipping first would have given 2767
    }

    @Test
    void sumSaturatesAtBothEnds() {
        int[] sum = {50000, -50000, 123};
        short[] out = new short[3];

        MixKernel.clipTo(sum, out, 3);

        assertThat(out).containsExactly(Short.MAX_VALUE, Short.MIN_VALUE, (short) 123);
    }

    @Test
    void privatePromptIsAddedWithSaturation() {
        short[] heard = {30000, -100};
        MixKernel.addInto(heard, new short[] {10000, 50}, 2);

        assertThat(heard).containsExactly(Short.MAX_VALUE, (short) -50);
    }
}
