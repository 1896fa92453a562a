package org.confbridge.media;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param bindAddress local address RTP sockets bind to (the wildcard for all interfaces)
 * @param rtpPortMin first port of the RTP range
 * @param rtpPortMax last port of the RTP range
 * @param mediaTimeout a sendrecv leg with no RTP for this long is reported (zero disables)
 * @param receiveThreads I/O loop threads that receive and send RTP for all legs (each owns a share of the legs)
 * @param jitterDepthFrames jitter buffer depth in 20 ms frames
 * @param talkEnergyThreshold mean energy per sample above which a frame is speech; only talking
 *                            members enter the mix (a noise gate with {@code talkHangTime})
 * @param talkHangTime quiet time before "stopped talking"
 * @param inbandDtmf also detect DTMF tones inside the audio (Goertzel)
 * @param mixThreads threads that share each tick's work, rooms split between them (1: the clock
 *                   thread alone; more shortens the tick on many cores, each room stays on one thread)
 * @param strictRtpSource a leg latches onto a media source other than its SDP address only if the
 *                        source has the call's signalling IP address (see
 *                        {@link MediaLeg#setSignallingAddress}); false: any source may latch (for
 *                        deployments whose media and signalling come from different addresses)
 * @param portPerCall each leg gets its own UDP port from the range (one system call per packet); false:
 *                    each I/O loop has one port shared by its legs, told apart by source address, and
 *                    receives and sends in batches. Per call is needed only where two callers may sit behind
 *                    one NAT and announce private SDP addresses (a shared port cannot tell their first
 *                    packets apart)
 */
public record MediaEngineConfig(
        InetAddress bindAddress,
        int rtpPortMin,
        int rtpPortMax,
        Duration mediaTimeout,
        int receiveThreads,
        int jitterDepthFrames,
        double talkEnergyThreshold,
        Duration talkHangTime,
        boolean inbandDtmf,
        int mixThreads,
        boolean strictRtpSource,
        boolean portPerCall) {

    public MediaEngineConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        Objects.requireNonNull(talkHangTime, "talkHangTime");
        if (receiveThreads < 1) {
            throw new IllegalArgumentException("receiveThreads must be at least 1");
        }
        if (mixThreads < 1) {
            throw new IllegalArgumentException("mixThreads must be at least 1");
        }
        if (jitterDepthFrames < 1 || jitterDepthFrames > 10) {
            throw new IllegalArgumentException("jitterDepthFrames must be 1..10");
        }
    }

    /** Settings with {@code strictRtpSource} on and shared ports. */
    public MediaEngineConfig(InetAddress bindAddress, int rtpPortMin, int rtpPortMax, Duration mediaTimeout,
            int receiveThreads, int jitterDepthFrames, double talkEnergyThreshold, Duration talkHangTime,
            boolean inbandDtmf, int mixThreads) {
        this(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads, jitterDepthFrames,
                talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, true, false);
    }

    /**
     * Defaults: ports 20000-29999, 30 s media timeout, one I/O loop per core (at most two: the
     * packet path is system calls, and the mixer needs a core too), 40 ms jitter buffer, the tick
     * shared by as many threads (at most two: rooms spread over both cores of a small machine),
     * strict RTP source rule, one shared RTP port per I/O loop.
     */
    public static MediaEngineConfig defaults(InetAddress bindAddress) {
        int loops = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        // Talk threshold: mean energy of a sine of amplitude 200 (about -44 dBFS): above line noise
        // (-60..-50 dBFS), below quiet speech. It also gates who enters the mix, so err low.
        return new MediaEngineConfig(bindAddress, 20000, 29999, Duration.ofSeconds(30), loops, 2,
                200.0 * 200.0 / 2, Duration.ofMillis(400), false, loops);
    }

    public MediaEngineConfig withPorts(int min, int max) {
        return new MediaEngineConfig(bindAddress, min, max, mediaTimeout, receiveThreads, jitterDepthFrames,
                talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withMediaTimeout(Duration timeout) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, timeout, receiveThreads, jitterDepthFrames,
                talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withReceiveThreads(int threads) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, threads, jitterDepthFrames,
                talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withJitterDepthFrames(int frames) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads, frames,
                talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withInbandDtmf(boolean enabled) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads,
                jitterDepthFrames, talkEnergyThreshold, talkHangTime, enabled, mixThreads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withMixThreads(int threads) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads,
                jitterDepthFrames, talkEnergyThreshold, talkHangTime, inbandDtmf, threads, strictRtpSource, portPerCall);
    }

    public MediaEngineConfig withStrictRtpSource(boolean strict) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads,
                jitterDepthFrames, talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strict, portPerCall);
    }

    public MediaEngineConfig withPortPerCall(boolean perCall) {
        return new MediaEngineConfig(bindAddress, rtpPortMin, rtpPortMax, mediaTimeout, receiveThreads,
                jitterDepthFrames, talkEnergyThreshold, talkHangTime, inbandDtmf, mixThreads, strictRtpSource, perCall);
    }
}
