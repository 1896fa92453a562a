/**
 * Live conferences of a client: who is in them (number, name, role, muted, joined at, dial-in or
 * invited), pending invites, and moderator actions (mute or unmute one or all, lock, join
 * notifications, remove a participant, invite a number with the rules of {@code *8}, cancel an invite).
 * Participant ids are opaque URL-safe tokens for the call legs.
 */
package org.confbridge.interfaces.rest.live;
