package dev.tangle.socket.ws;

/** A connection that takes frames already encoded by {@link ServerFrames}, shared between connections. */
public interface PreparedFrames {

    /**
     * Writes one complete, final data frame as it is.
     *
     * @throws IllegalStateException once the close frame was sent, or while a fragmented message is unfinished
     */
    void sendPrepared(byte[] frame);
}
