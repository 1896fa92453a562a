package org.confbridge.media;

/**
 * How a leg takes part in a room.
 *
 * @param muted contributes nothing to the mix
 * @param hearsRoom hears the room; false while, e.g., it enters a PIN and should hear only its own prompts
 */
public record JoinOptions(boolean muted, boolean hearsRoom) {
    /** Talks and listens. */
    public static final JoinOptions DEFAULT = new JoinOptions(false, true);
    /** Listens only. */
    public static final JoinOptions LISTEN_ONLY = new JoinOptions(true, true);
}
