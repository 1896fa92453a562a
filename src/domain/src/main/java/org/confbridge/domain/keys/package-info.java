/**
 * DTMF key input during a conference: which key sequences exist ({@link KeyCommand}) and
 * how one participant's key presses become commands ({@link KeyInterpreter}).
 *
 * <p>This package only recognises sequences; what a command <em>does</em> (and who may use it)
 * is decided by {@code org.confbridge.domain.conference.Conference#handleKey}.
 *
 * <p>Rules implemented here:
 * <ul>
 *   <li>{@code *} starts a command; digits follow; a command is recognised the moment its last
 *       digit arrives ({@code *9} is a prefix, so {@code *9} waits for one more digit).</li>
 *   <li>A sequence that cannot become a command is {@link KeyEvent.Invalid} at once;
 *       a half-typed one becomes {@link KeyEvent.TimedOut} after the inter-digit timeout.</li>
 *   <li>{@code *} in the middle of a command starts it afresh (the caller mistyped and starts over).</li>
 *   <li>Outside a command, digits, {@code #} and {@code A-D} mean nothing and are
 *       {@link KeyEvent.Ignored} (no error tone: people press keys by accident while talking).</li>
 *   <li>After {@code *8} is accepted, the conference calls {@link KeyInterpreter#startNumberEntry}:
 *       digits collect a phone number, {@code #} ends it, {@code *} cancels, silence times out.</li>
 * </ul>
 * Time is passed in; nothing here schedules or sleeps. Not thread-safe (single-threaded by contract).
 */
package org.confbridge.domain.keys;
