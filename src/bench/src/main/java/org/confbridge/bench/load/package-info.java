/**
 * The external load generator ({@link org.confbridge.bench.load.SipMediaLoad}): simulated phones
 * in their own JVM that call a running confbridge server over SIP/UDP (RFC 3261 INVITE / 200 /
 * ACK / BYE, just enough of it) and exchange 20 ms PCMU RTP (RFC 3550) with it, measuring what the
 * phones receive and what the server process spends (Linux {@code /proc}).
 */
package org.confbridge.bench.load;
