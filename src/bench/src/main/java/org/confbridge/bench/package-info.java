/**
 * Benchmarks, built only with the Maven profile {@code bench}: JMH for the mixing kernel and
 * {@link org.confbridge.bench.LoadRun}, an end-to-end RTP load run over loopback.
 */
package org.confbridge.bench;
