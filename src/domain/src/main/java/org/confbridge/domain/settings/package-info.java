/**
 * The conference properties of a conference extension, as the seed names them
 * ({@code announce_caller_name}, {@code enter_sound}, {@code max_members}, {@code pin},
 * {@code moderator_pin}, {@code mute_non_moderator}, {@code music_on_hold_sound},
 * {@code record_enabled}): immutable values, defaults, and the cross-field rules that
 * decide whether a set of properties may be stored.
 *
 * <p>May contain only value objects and rules; no persistence, JSON or container code.
 * Whether a sound id belongs to the client is checked by the application layer, which owns
 * the sound repository.
 */
package org.confbridge.domain.settings;
