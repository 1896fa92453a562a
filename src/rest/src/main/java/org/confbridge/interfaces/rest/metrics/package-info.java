/**
 * {@code GET /metrics}: the server's meters in the Prometheus text exposition format (a plain servlet, outside
 * the REST API's path), and the REST request timers ({@code http_server_requests_seconds} by method, route
 * template and status).
 */
package org.confbridge.interfaces.rest.metrics;
