package org.confbridge.media.sdp;

/** Whether calls must be SRTP (setting {@code rtp.srtp}). */
public enum SrtpMode {
    /** SRTP when the peer offers it (RTP/SAVP with SDES), plain RTP otherwise; our offers are plain. */
    OPTIONAL,
    /** Plain RTP offers are refused (488) and our own offers are RTP/SAVP. */
    REQUIRED
}
