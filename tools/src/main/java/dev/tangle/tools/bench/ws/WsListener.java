package dev.tangle.tools.bench.ws;

/** Callbacks of one connection, always on that connection's selector thread: keep them short. */
public interface WsListener {

    /** The upgrade succeeded. */
    void onOpen(WsConnection conn);

    /**
     * A whole text or binary message. {@code data[off, off+len)} is only valid during the call.
     * {@code recvNanos} is {@link System#nanoTime()} when the bytes were read.
     */
    void onMessage(WsConnection conn, byte[] data, int off, int len, boolean text, long recvNanos);

    /**
     * The connection is gone: a close frame ({@code code} from it), a drop (1006), or a refused upgrade
     * ({@code code} is minus the HTTP status, or -1 when no HTTP answer came). Called once.
     */
    void onClose(WsConnection conn, int code, String reason);
}
