/**
 * The conference domain: plain Java rules for a SIP audio conference, with no container,
 * no I/O and no threads.
 *
 * <p>Where things are decided:
 * <ul>
 *   <li>{@link org.confbridge.domain.settings} - the eight seed properties of a conference
 *       extension, their defaults and cross-field rules.</li>
 *   <li>{@code org.confbridge.domain.pin} - asking a caller for the PIN and deciding the role.</li>
 *   <li>{@code org.confbridge.domain.keys} - turning DTMF digits into key commands
 *       ({@code *1}, {@code *8}, {@code *90..*95}).</li>
 *   <li>{@code org.confbridge.domain.conference} - the live conference aggregate: admission,
 *       what each key command does, join/leave notifications, music on hold, invites.</li>
 * </ul>
 *
 * <p>Contract: the domain is single-threaded and deterministic. Time is always passed in
 * ({@link java.time.Instant}); callers (the application layer) serialise access to a conference
 * and carry out the instructions it returns through SIP and the media engine.
 */
package org.confbridge.domain;
