package org.confbridge.media;

/**
 * Engine-wide figures.
 *
 * @param legs open legs
 * @param rooms open rooms
 * @param rtpPortsInUse ports handed out
 * @param ticks mixer ticks so far
 * @param lateTicks ticks started more than 10 ms late
 * @param skippedTicks ticks dropped after a stall
 * @param tickP50Micros median tick duration over the recent window
 * @param tickP99Micros 99th percentile tick duration over the recent window
 * @param tickMaxMicros longest tick in the recent window
 * @param droppedFromStrangers RTP packets dropped since the start because they came from neither the
 *                             caller's SDP address nor the source a leg latched onto (all legs, closed ones too)
 * @param packetsReceived valid RTP packets accepted since the start (all legs, closed ones too)
 * @param packetsSent RTP packets sent since the start
 * @param packetsLost packets missing from the received sequence numbers since the start (gaps)
 * @param concealedFrames 20 ms frames the jitter buffers filled by loss concealment since the start
 */
public record MediaStats(int legs, int rooms, int rtpPortsInUse, long ticks, long lateTicks, long skippedTicks,
        long tickP50Micros, long tickP99Micros, long tickMaxMicros, long droppedFromStrangers,
        long packetsReceived, long packetsSent, long packetsLost, long concealedFrames) {

    /** Figures without the packet totals (zero). */
    public MediaStats(int legs, int rooms, int rtpPortsInUse, long ticks, long lateTicks, long skippedTicks,
            long tickP50Micros, long tickP99Micros, long tickMaxMicros, long droppedFromStrangers) {
        this(legs, rooms, rtpPortsInUse, ticks, lateTicks, skippedTicks, tickP50Micros, tickP99Micros, tickMaxMicros,
                droppedFromStrangers, 0, 0, 0, 0);
    }

    /** Figures without the stranger count (zero). */
    public MediaStats(int legs, int rooms, int rtpPortsInUse, long ticks, long lateTicks, long skippedTicks,
            long tickP50Micros, long tickP99Micros, long tickMaxMicros) {
        this(legs, rooms, rtpPortsInUse, ticks, lateTicks, skippedTicks, tickP50Micros, tickP99Micros, tickMaxMicros, 0);
    }
}
