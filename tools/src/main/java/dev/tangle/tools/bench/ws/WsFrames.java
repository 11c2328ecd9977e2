package dev.tangle.tools.bench.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** RFC 6455 client framing: masked frames out, unmasked frames in, and the handshake key check. */
public final class WsFrames {

    public static final int OP_CONTINUATION = 0;
    public static final int OP_TEXT = 1;
    public static final int OP_BINARY = 2;
    public static final int OP_CLOSE = 8;
    public static final int OP_PING = 9;
    public static final int OP_PONG = 10;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsFrames() {
    }

    /** One final, masked client frame carrying {@code payload}. */
    public static ByteBuffer clientFrame(int opcode, byte[] payload) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer buf = ByteBuffer.allocate(header + 4 + len);
        buf.put((byte) (0x80 | opcode));
        if (len < 126) {
            buf.put((byte) (0x80 | len));
        } else if (len < 65536) {
            buf.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            buf.put((byte) (0x80 | 127)).putLong(len);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        buf.putInt(mask);
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < len; i++) {
            buf.put((byte) (payload[i] ^ key[i & 3]));
        }
        return buf.flip();
    }

    public static ByteBuffer textFrame(String text) {
        return clientFrame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static ByteBuffer closeFrame(int code) {
        return clientFrame(OP_CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    public static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The Sec-WebSocket-Accept value a server must answer for {@code key}. */
    public static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing", e);
        }
    }

    /** Receives whole server frames (unmasked; masked ones are unmasked too) from a byte stream. */
    public interface FrameSink {
        void frame(boolean fin, int opcode, byte[] data, int off, int len);
    }

    /**
     * Parses as many whole frames as {@code buf[off, off+len)} holds and returns how many bytes they used;
     * the caller keeps the rest for the next read.
     */
    public static int parse(byte[] buf, int off, int len, FrameSink sink) {
        int pos = off;
        int end = off + len;
        while (end - pos >= 2) {
            int b0 = buf[pos] & 0xff;
            int b1 = buf[pos + 1] & 0xff;
            boolean masked = (b1 & 0x80) != 0;
            long payloadLen = b1 & 0x7f;
            int header = 2;
            if (payloadLen == 126) {
                if (end - pos < 4) {
                    break;
                }
                payloadLen = ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
                header = 4;
            } else if (payloadLen == 127) {
                if (end - pos < 10) {
                    break;
                }
                payloadLen = ByteBuffer.wrap(buf, pos + 2, 8).getLong();
                header = 10;
            }
            if (payloadLen > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("frame too large: " + payloadLen);
            }
            int maskLen = masked ? 4 : 0;
            long total = header + maskLen + payloadLen;
            if (end - pos < total) {
                break;
            }
            int dataStart = pos + header + maskLen;
            if (masked) {
                for (int i = 0; i < payloadLen; i++) {
                    buf[dataStart + i] ^= buf[pos + header + (i & 3)];
                }
            }
            sink.frame((b0 & 0x80) != 0, b0 & 0x0f, buf, dataStart, (int) payloadLen);
            pos += (int) total;
        }
        return pos - off;
    }
}
