/**
 * Benchmarks, built only with the Maven profile {@code bench}: JMH for the mixing kernel, SRTP and the codecs,
 * {@link org.confbridge.bench.LoadRun} (an RTP load run in the engine's own JVM) and, in
 * {@code org.confbridge.bench.load}, the external SIP + RTP load generator run against the packaged
 * server by {@code src/server/bench/media-load.sh}.
 */
package org.confbridge.bench;
