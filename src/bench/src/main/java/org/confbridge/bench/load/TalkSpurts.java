package org.confbridge.bench.load;

/**
 * Whether a talker talks in a given tick: always (the default), or, with {@code TALK_SPURT_MS} set, in turns
 * of that length, every other talker in the opposite phase, so the server's talk detection starts and stops
 * all the time and {@code participant.talking} / {@code stopped_talking} events flow (the events benchmark).
 */
final class TalkSpurts {

    private final long spurtTicks;

    private TalkSpurts(long spurtTicks) {
        this.spurtTicks = spurtTicks;
    }

    static TalkSpurts fromEnvironment() {
        String value = System.getenv("TALK_SPURT_MS");
        long millis = value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
        return new TalkSpurts(millis / 20);
    }

    boolean talking(int phone, long tick) {
        return spurtTicks <= 0 || ((tick / spurtTicks) + phone) % 2 == 0;
    }

    @Override
    public String toString() {
        return spurtTicks <= 0 ? "talkers talk all the time" : "talkers alternate " + spurtTicks * 20 + " ms on/off";
    }
}
