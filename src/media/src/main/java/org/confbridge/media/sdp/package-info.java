/**
 * SDP offer/answer for the audio leg of a call (RFC 4566 syntax, RFC 3264 offer/answer model).
 *
 * <p>Parsing and encoding go through JAIN-SIP's {@code javax.sdp} implementation; this package
 * holds only the negotiation rules: G.711 (PCMU/PCMA) only, the offerer's codec order wins,
 * {@code telephone-event/8000} (RFC 4733) is accepted on whatever payload type was offered,
 * hold is recognised both as {@code sendonly}/{@code inactive} and as the old
 * {@code c=0.0.0.0} form (RFC 3264 section 8.4).
 *
 * <p>May contain: value types describing negotiated media, the negotiator, its exceptions.
 * Must not contain: sockets, RTP or any SIP signalling.
 */
package org.confbridge.media.sdp;
