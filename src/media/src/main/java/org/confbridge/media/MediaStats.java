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
 */
public record MediaStats(int legs, int rooms, int rtpPortsInUse, long ticks, long lateTicks, long skippedTicks,
        long tickP50Micros, long tickP99Micros, long tickMaxMicros) {
}
