package org.confbridge.domain.participant;

/** How a participant came in. */
public enum Origin {
    /** Called the conference extension (may use {@code *} keys). */
    DIAL_IN,
    /** An external number brought in with {@code *8} or over REST (uses no {@code *} keys; may be recorded). */
    INVITED
}
