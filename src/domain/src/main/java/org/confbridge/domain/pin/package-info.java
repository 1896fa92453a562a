/**
 * Asking a caller for the conference PIN and deciding their role ({@link PinEntry}).
 *
 * <p>Rules: digits end with {@code #}; the {@code moderator_pin} makes a moderator, the
 * {@code pin} an ordinary participant; without a {@code pin} the caller is a participant at once,
 * without being asked. A wrong PIN is re-asked; the third wrong one fails; no key for the
 * inactivity timeout fails. {@code *} clears what was keyed so far (no prompt, no attempt used):
 * a caller who mistypes can start over without being penalised. {@code #} alone counts as a wrong
 * attempt (otherwise a caller could never fail by pressing {@code #}). Letters A-D are ignored.
 *
 * <p>Outcomes name the prompts to play; the adapter plays them and hangs up on failure.
 * Time is passed in. Not thread-safe.
 */
package org.confbridge.domain.pin;
