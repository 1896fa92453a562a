package org.confbridge.media;

/**
 * A mixer: every member hears the sum of all other unmuted members, never itself.
 * Thread-safe (see package doc).
 */
public interface Room {
    String id();

    /** Adds a leg (a leg is in at most one room; joining another moves it). */
    void join(MediaLeg leg, JoinOptions options);

    /** Removes a leg; it keeps hearing its own prompts. */
    void leave(MediaLeg leg);

    /** Mutes or unmutes a member. */
    void setMuted(MediaLeg leg, boolean muted);

    /** Lets a member hear the room or not (PIN entry, name recording). */
    void setHearsRoom(MediaLeg leg, boolean hearsRoom);

    /** Plays to every member that hears the room. */
    Playback playToAll(PlayRequest request);

    /** Plays to every member that hears the room except {@code except} (e.g. "X has joined"). */
    Playback playToAllExcept(PlayRequest request, MediaLeg except);

    /** Number of members (as of the last tick). */
    int size();

    /** Removes all members and stops room playback. Idempotent. */
    void close();
}
