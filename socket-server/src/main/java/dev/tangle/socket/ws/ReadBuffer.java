package dev.tangle.socket.ws;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;

import io.helidon.common.socket.HelidonSocket;

/**
 * Sizes down the read buffer Helidon 4.5.0's blocking socket ({@code PlainSocket}) keeps for a connection's whole
 * life: a fixed 8 KiB array, sized for HTTP request heads, that Helidon offers no setting for. A WebSocket client
 * of Tangle sends frames of a few hundred bytes, and every read is copied out of the buffer at once, so after the
 * upgrade a small one only means more reads for the rare big message (ADR 0120). Helidon's field is private, so
 * this is done by reflection on the one class it knows; when that is not possible (another socket class, a
 * renamed field, a JDK that refuses to write final fields) the connection simply keeps Helidon's buffer, and
 * {@link #supported()} says so (a test holds it true for the Helidon version we build with).
 */
final class ReadBuffer {

    /** Bytes of the read buffer of an upgraded connection. */
    static final int BYTES = 1024;

    private static final System.Logger LOG = System.getLogger(ReadBuffer.class.getName());
    private static final String PLAIN_SOCKET = "io.helidon.common.socket.PlainSocket";
    private static final Field FIELD = find();

    private ReadBuffer() {
    }

    static boolean supported() {
        return FIELD != null;
    }

    /**
     * Gives the socket a read buffer of {@link #BYTES}; call from the connection's own thread, between reads.
     *
     * @return whether it did
     */
    static boolean shrink(HelidonSocket socket) {
        if (FIELD == null || !FIELD.getDeclaringClass().isInstance(socket)) {
            return false;
        }
        try {
            byte[] current = (byte[]) FIELD.get(socket);
            if (current.length > BYTES) {
                FIELD.set(socket, new byte[BYTES]);
            }
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    private static Field find() {
        try {
            Field field = Class.forName(PLAIN_SOCKET).getDeclaredField("readBuffer");
            if (field.getType() != byte[].class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Helidon's socket read buffer cannot be sized down (" + e
                    + "): each WebSocket connection keeps 8 KiB more heap");
            return null;
        }
    }
}
