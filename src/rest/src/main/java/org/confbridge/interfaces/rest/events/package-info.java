/**
 * The live event stream of a client, as Server-Sent Events (W3C EventSource / WHATWG HTML "server-sent
 * events"): {@code GET /api/ver1.0/client/{client_id}/events}. Each event's {@code id} is
 * {@code <run>:<sequence>} so that a reconnect with {@code Last-Event-ID} resumes from the bus's kept
 * events; a resume point the bus no longer covers gets an {@code events.lost} event first. Writes to the
 * network happen on the stream's own writer threads, never on the event bus's delivery thread.
 */
package org.confbridge.interfaces.rest.events;
