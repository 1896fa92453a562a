/**
 * The server's figures as Micrometer meters in one Prometheus registry ({@link
 * org.confbridge.app.metrics.ServerMetrics}): live conferences and participants, joins and leaves (counted
 * from the conference events), the media engine's tick and RTP figures, the event bus's queue, and the
 * JVM's. The HTTP side adds REST request timers and serves the registry's Prometheus text at
 * {@code /metrics}.
 */
package org.confbridge.app.metrics;
