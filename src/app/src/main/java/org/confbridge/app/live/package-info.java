/**
 * Live state of this server: who is in which conference right now, with which role and mute
 * state, and whether the database answers (for the health check).
 *
 * <p>May contain: the container-managed-concurrency {@code @Singleton} registry that the SIP servlets
 * and REST resources call, and the small immutable views it hands out. The rules themselves (admission,
 * keys, mute) belong to {@code org.confbridge.domain}; this package only serialises access to them and
 * carries out what they decide. Nothing here survives a restart: live state is in memory by design.
 */
package org.confbridge.app.live;
