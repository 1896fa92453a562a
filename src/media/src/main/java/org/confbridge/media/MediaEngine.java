package org.confbridge.media;

/**
 * The media server: allocates legs (RTP endpoints) and rooms (mixers), all driven by one 20 ms
 * clock. Thread-safe (see package doc). One instance per server process.
 */
public interface MediaEngine extends AutoCloseable {
    /** Starts the clock and the receive threads. */
    void start();

    /**
     * Opens a leg on a free RTP port of the configured range. It is silent until
     * {@link MediaLeg#update} gives it the negotiated media; allocate first, answer the SDP with
     * {@link MediaLeg#localPort()}, then update.
     *
     * @throws MediaException no free port, or the engine is stopped
     */
    MediaLeg allocateLeg() throws MediaException;

    /** Creates a room. Ids are the caller's; creating an id twice is an error. */
    Room createRoom(String id);

    /** Current figures. */
    MediaStats stats();

    /** Closes every leg and room and stops all threads. */
    @Override
    void close();
}
