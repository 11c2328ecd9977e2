package dev.tangle.tools.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The server side of the NATS text protocol as a byte stream: INFO, MSG, PING, PONG, +OK, -ERR. */
final class NatsParser {

    interface Handler {
        void msg(byte[] d, int off, int len);

        void ping();

        void pong();

        void error(String line);
    }

    private byte[] buf = new byte[512];
    private int len;

    /** Appends bytes (a WebSocket frame may hold several operations, or part of one) and handles whole ones. */
    void feed(byte[] d, int off, int n, Handler h) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
        System.arraycopy(d, off, buf, len, n);
        len += n;
        int pos = 0;
        while (true) {
            int used = next(pos, h);
            if (used == 0) {
                break;
            }
            pos += used;
        }
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
    }

    /** Handles the operation at {@code pos}; returns its length, or 0 when it is not complete yet. */
    private int next(int pos, Handler h) {
        int eol = lineEnd(pos);
        if (eol < 0) {
            return 0;
        }
        int lineLen = eol - pos;
        if (startsWith(pos, "MSG ")) {
            String[] parts = new String(buf, pos, lineLen, StandardCharsets.US_ASCII).split(" ");
            int size = Integer.parseInt(parts[parts.length - 1].trim());
            int total = lineLen + 2 + size + 2;
            if (len - pos < total) {
                return 0;
            }
            h.msg(buf, eol + 2, size);
            return total;
        }
        if (startsWith(pos, "PING")) {
            h.ping();
        } else if (startsWith(pos, "PONG")) {
            h.pong();
        } else if (startsWith(pos, "-ERR")) {
            h.error(new String(buf, pos, lineLen, StandardCharsets.US_ASCII));
        }
        return lineLen + 2;
    }

    private int lineEnd(int from) {
        for (int i = from; i + 1 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int pos, String op) {
        if (len - pos < op.length()) {
            return false;
        }
        for (int i = 0; i < op.length(); i++) {
            if (buf[pos + i] != op.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
