/**
 * DTMF: RFC 4733 telephone-event receiver and sender, and an optional in-band (Goertzel)
 * detector for phones that only send tones in the audio.
 *
 * <p>May contain: event payload handling, tone detection, digit listeners.
 * Must not contain: sockets, threads, conference rules (what a key means is the domain's business).
 * Every class is confined to one thread, stated on the class.
 */
package org.confbridge.media.dtmf;
