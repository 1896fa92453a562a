/**
 * The live conference aggregate ({@link Conference}) and what it tells the adapter to do
 * ({@link Instruction}, {@link Audio}, {@link Prompt}).
 *
 * <p>Where a DTMF key is decided: {@link Conference#pressKey} routes it (PIN entry, name recording,
 * key interpreter) and {@link Conference#handleKey} holds the table of what {@code *1}, {@code *8},
 * {@code *90..*95} do and who may use them.
 *
 * <p>Decisions documented here (where the seed is silent):
 * <ul>
 *   <li>Admission: PIN first, then lock/full. Locked refuses moderators too; "full" counts admitted
 *       participants (including one recording their name), not callers still keying a PIN.</li>
 *   <li>{@code *1} may unmute oneself after {@code *91} (the seed allows {@code *1} to everyone unless
 *       {@code mute_non_moderator}); {@code *90} also unmutes those muted by {@code mute_non_moderator}.</li>
 *   <li>Invited participants enter muted under {@code mute_non_moderator} or {@code *91}, like every
 *       non-moderator; they use no keys (their keys are ignored silently).</li>
 *   <li>{@code *8} is allowed to every dial-in participant, also under {@code mute_non_moderator}
 *       (inviting is not speaking). {@code *8} then {@code #} with no number cancels one's pending invites.
 *       {@code *} during the number cancels the entry; silence times out.</li>
 *   <li>An invite is refused up front (the inviter hears why) when the conference is locked or
 *       participants plus pending invites reach {@code max_members}; if the conference becomes locked
 *       or full while the phone rings, the invitee hears {@code conf_locked}/{@code conf_full} and is hung
 *       up, and the inviter hears {@code invite_conference_locked}/{@code invite_conference_full}.</li>
 *   <li>When the last participant leaves, the flags (lock, mute-all, notifications) reset and pending
 *       invites are cancelled. An inviter leaving does not cancel their invite while others remain.</li>
 *   <li>{@code *94} silences names on leave too.</li>
 * </ul>
 *
 * <p>Single-threaded by contract: a {@link Conference} is not thread-safe; the application layer
 * serialises every call on one conference (e.g. an EJB {@code @Singleton} with a write lock) and
 * carries out the returned instructions. Time is always an argument; nothing here blocks or schedules.
 */
package org.confbridge.domain.conference;
