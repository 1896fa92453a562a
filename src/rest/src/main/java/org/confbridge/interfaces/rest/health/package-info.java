/**
 * The unauthenticated health check, {@code GET /api/ver1.0/health}: SIP listening points, database
 * reachability, live calls and uptime. For monitoring and load balancers; reveals no configuration.
 */
package org.confbridge.interfaces.rest.health;
