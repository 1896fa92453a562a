/**
 * Live state of this server: who is in which conference right now, with which role and mute
 * state, and whether the database answers (for the health check).
 *
 * <p>Shape: one {@link org.confbridge.app.live.LiveConference} per running conference (the domain's rules,
 * its audio, its calls, and the one place their instructions are carried out), confined to one of a few
 * event loops ({@link org.confbridge.app.live.ConferenceLoops}); every input (SIP requests, media events,
 * REST actions, timers, settings changes) becomes a task on that loop, so no lock is shared by two
 * conferences and none is needed inside one. No database, file or network I/O runs on a loop: it is done
 * before a task is handed over, or on the I/O executor, and its result handed in.
 * {@link org.confbridge.app.live.LiveConferences} is the thin {@code @Singleton} entry point (a concurrent
 * map, bean-managed concurrency) that SIP servlets and REST resources call; the SIP side holds a
 * {@link org.confbridge.app.live.ParticipantHandle} per call. The rules themselves (admission, keys, mute)
 * belong to {@code org.confbridge.domain}. Nothing here survives a restart: live state is in memory by design.
 */
package org.confbridge.app.live;
