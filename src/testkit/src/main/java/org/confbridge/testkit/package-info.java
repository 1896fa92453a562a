/**
 * The test phone for end-to-end tests: a SIP user agent (UAC and UAS, RFC 3261 through JAIN-SIP,
 * UDP and TCP) with real RTP media on loopback, able to act as a conference caller and as the external
 * phone or gateway the server calls out to.
 *
 * <p>Start with {@link org.confbridge.testkit.TestPhone#start()}; place calls with
 * {@link org.confbridge.testkit.TestPhone#call}; accept calls with
 * {@link org.confbridge.testkit.TestPhone#onIncoming}. Everything a {@link org.confbridge.testkit.Call}
 * heard is in {@link org.confbridge.testkit.Call#audio()}. DTMF: SIP INFO (application/dtmf-relay,
 * application/dtmf) and RFC 4733. Hold by re-INVITE (RFC 3264 section 8.4). Every blocking method has
 * a timeout; {@code close()} releases all sockets and threads.
 */
package org.confbridge.testkit;
