package org.confbridge.media;

import java.util.Map;

/**
 * Packet figures of one leg.
 *
 * @param packetsReceived valid RTP packets accepted
 * @param packetsSent RTP packets sent
 * @param dropped dropped packets by reason (e.g. {@code SHORT}, {@code STRANGER})
 * @param concealedFrames frames filled by loss concealment
 * @param latePackets packets that came after their playout time
 */
public record MediaLegStats(long packetsReceived, long packetsSent, Map<String, Long> dropped,
        long concealedFrames, long latePackets) {
    public MediaLegStats {
        dropped = Map.copyOf(dropped);
    }

    /** Packets dropped because they came from a stranger (not the caller's address, see {@link MediaLeg}). */
    public long droppedFromStrangers() {
        return dropped.getOrDefault("STRANGER", 0L);
    }

    /** All dropped packets. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
