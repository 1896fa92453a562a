package org.confbridge.media.engine;

import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;

/**
 * The stranger rules of {@link MediaSourceSecurityTest} on the production transport: legs share their
 * I/O loop's port and are found by source address. A packet from nobody's source reaches no leg, so
 * it is counted engine-wide.
 */
class SharedPortSourceSecurityTest extends MediaSourceSecurityTest {

    /** Two loops: the legs alternate, so A and B sit on different ports and the stranger aims at A's. */
    @Override
    MediaEngineConfig config() {
        return EngineFixture.baseConfig().withReceiveThreads(2);
    }

    @Override
    long strangerDrops(MediaLeg leg) {
        return fixture.engine.stats().droppedFromStrangers();
    }
}
