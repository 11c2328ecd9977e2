package dev.tangle.socket.ws;

/**
 * Encodes server-to-client WebSocket frames (RFC 6455 §5.2: FIN, opcode, 7/16/64-bit length, never masked). A
 * server frame does not depend on the connection, so one encoding can be written to any number of them.
 */
public final class ServerFrames {

    static final int TEXT = 0x1;

    private ServerFrames() {
    }

    /** One final text frame carrying {@code utf8}. */
    public static byte[] text(byte[] utf8) {
        return frame(TEXT, utf8, true);
    }

    /** One frame of {@code opcode} carrying all of {@code payload}. */
    static byte[] frame(int opcode, byte[] payload, boolean fin) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        byte[] out = new byte[header + length];
        out[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            out[1] = (byte) length;
        } else if (length < 65_536) {
            out[1] = 126;
            out[2] = (byte) (length >>> 8);
            out[3] = (byte) length;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, header, length);
        return out;
    }
}
