/**
 * What happens in live conferences, as events: {@link org.confbridge.app.events.ConferenceEvent}s
 * published by each conference's loop (never blocking it) on the in-memory
 * {@link org.confbridge.app.events.ConferenceEvents} bus, which delivers them in order, on its own
 * thread, to subscribers (the live stream, webhooks, call records, metrics) and keeps the recent ones
 * for resuming streams.
 *
 * <p>Types: {@code conference.started}, {@code conference.ended}, {@code participant.joined},
 * {@code participant.left} (with {@code reason}), {@code participant.muted} / {@code participant.unmuted}
 * (with {@code by}), {@code participant.talking} / {@code participant.stopped_talking},
 * {@code conference.locked} / {@code conference.unlocked}, {@code notifications.changed},
 * {@code invite.ringing} / {@code invite.answered} / {@code invite.failed},
 * {@code recording.started} / {@code recording.finished} / {@code recording.failed}.
 */
package org.confbridge.app.events;
