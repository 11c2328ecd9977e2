package dev.tangle.socket.ws;

/** A connection that takes frames already encoded by {@link ServerFrames}, shared between connections. */
public interface PreparedFrames {

    /**
     * Writes complete, final data frames as they are, in one write: one frame, or several one after the other
     * (a session's writer gathers what queued up behind a write, ADR 0141).
     *
     * @throws IllegalStateException once the close frame was sent, or while a fragmented message is unfinished
     */
    void sendPrepared(byte[] frames);
}
