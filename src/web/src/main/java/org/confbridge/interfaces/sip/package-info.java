/**
 * SIP servlets of the converged module (JSR 289): thin adapters that parse a request, call one
 * application interface (the conference directory, the SDP negotiator, the live conference
 * registry) and send the response.
 *
 * <p>Implements the UAS side of RFC 3261 (INVITE/ACK/BYE/CANCEL/OPTIONS), RFC 3264 offer/answer
 * through {@code org.confbridge.media.sdp}, RFC 6086 INFO carrying DTMF as
 * {@code application/dtmf-relay} or {@code application/dtmf}. Malformed or unexpected requests get
 * a 4xx; a failure of the application behind gets 503, never 500.
 */
package org.confbridge.interfaces.sip;
