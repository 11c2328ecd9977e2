package dev.tangle.tools.bench.ws;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One client WebSocket on a selector thread. Sends may come from any thread: a send writes straight to the
 * socket when nothing is queued, else queues and lets the selector thread flush on OP_WRITE.
 */
public final class WsConnection {

    enum State { CONNECTING, HANDSHAKE, OPEN, CLOSING, CLOSED }

    final SocketChannel channel;
    final WsListener listener;
    final WsClient.Loop loop;
    final String key = WsFrames.newKey();
    final URI uri;
    final String extraHeaders;
    volatile State state = State.CONNECTING;
    SelectionKey selectionKey;
    /** Bytes read but not yet parsed (a partial frame or handshake). */
    byte[] pending = new byte[0];
    int pendingLen;
    /** The fragments of a message split over continuation frames. */
    private byte[] fragments;
    private int fragmentsLen;
    private int fragmentsOpcode;
    private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    private volatile Object attachment;
    private boolean closeReported;

    WsConnection(SocketChannel channel, URI uri, String extraHeaders, WsListener listener, WsClient.Loop loop) {
        this.channel = channel;
        this.uri = uri;
        this.extraHeaders = extraHeaders;
        this.listener = listener;
        this.loop = loop;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public <T> T attachment() {
        @SuppressWarnings("unchecked")
        T t = (T) attachment;
        return t;
    }

    public void attach(Object value) {
        attachment = value;
    }

    /** Sends one text message; false when the connection is not open (the message is dropped). */
    public boolean sendText(String text) {
        return state == State.OPEN && write(WsFrames.textFrame(text));
    }

    public boolean sendText(byte[] utf8) {
        return state == State.OPEN && write(WsFrames.clientFrame(WsFrames.OP_TEXT, utf8));
    }

    /** Starts a clean close: a close frame now, the socket when the server answers. */
    public void close(int code) {
        if (state == State.OPEN) {
            state = State.CLOSING;
            write(WsFrames.closeFrame(code));
        } else if (state != State.CLOSING) {
            abort();
        }
    }

    /** Stops or resumes reading from the socket, as a client on a stalled network: the server's writes back up. */
    public void pauseReading(boolean paused) {
        loop.execute(() -> {
            SelectionKey k = selectionKey;
            if (k != null && k.isValid()) {
                k.interestOps(paused ? k.interestOps() & ~SelectionKey.OP_READ : k.interestOps() | SelectionKey.OP_READ);
            }
        });
    }

    /** Drops the TCP connection at once, as a crashed client would. */
    public void abort() {
        loop.execute(() -> closed(1006, "aborted"));
    }

    boolean write(ByteBuffer buf) {
        synchronized (outbound) {
            if (state == State.CLOSED) {
                return false;
            }
            if (outbound.isEmpty()) {
                try {
                    channel.write(buf);
                } catch (IOException e) {
                    loop.execute(() -> closed(1006, e.getMessage()));
                    return false;
                }
            }
            if (buf.hasRemaining()) {
                outbound.add(buf);
                loop.wantWrite(this);
            }
            return true;
        }
    }

    /** On the selector thread: flushes queued frames; returns true when the queue is empty. */
    boolean flush() throws IOException {
        synchronized (outbound) {
            while (!outbound.isEmpty()) {
                ByteBuffer head = outbound.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return false;
                }
                outbound.poll();
            }
            return true;
        }
    }

    void sendHandshake() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        state = State.HANDSHAKE;
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    /** On the selector thread: consumes bytes just read. */
    void received(byte[] buf, int off, int len, long recvNanos) {
        byte[] data = buf;
        int start = off;
        int length = len;
        if (pendingLen > 0) {
            append(buf, off, len);
            data = pending;
            start = 0;
            length = pendingLen;
        }
        int used = state == State.HANDSHAKE ? handshake(data, start, length) : 0;
        if (state == State.OPEN || state == State.CLOSING) {
            used += WsFrames.parse(data, start + used, length - used,
                    (fin, op, d, o, l) -> frame(fin, op, d, o, l, recvNanos));
        }
        int rest = length - used;
        if (rest > 0 && state != State.CLOSED) {
            if (data == pending) {
                System.arraycopy(pending, used, pending, 0, rest);
                pendingLen = rest;
            } else {
                pendingLen = 0;
                append(data, start + used, rest);
            }
        } else {
            pendingLen = 0;
            if (pending.length > 65536) {
                pending = new byte[0];
            }
        }
    }

    private void append(byte[] buf, int off, int len) {
        if (pendingLen + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLen + len, pending.length * 2));
        }
        System.arraycopy(buf, off, pending, pendingLen, len);
        pendingLen += len;
    }

    private int handshake(byte[] data, int off, int len) {
        int headerEnd = indexOfBlankLine(data, off, len);
        if (headerEnd < 0) {
            return 0;
        }
        String head = new String(data, off, headerEnd - off, StandardCharsets.ISO_8859_1);
        int status = parseStatus(head);
        if (status != 101 || !head.toLowerCase().contains(WsFrames.acceptFor(key).toLowerCase())) {
            closed(status == 101 ? -1 : -status, head.lines().findFirst().orElse(""));
            return len;
        }
        state = State.OPEN;
        listener.onOpen(this);
        return headerEnd + 4 - off;
    }

    private static int indexOfBlankLine(byte[] d, int off, int len) {
        for (int i = off; i + 3 < off + len; i++) {
            if (d[i] == '\r' && d[i + 1] == '\n' && d[i + 2] == '\r' && d[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int parseStatus(String head) {
        String[] parts = head.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void frame(boolean fin, int opcode, byte[] d, int off, int len, long recvNanos) {
        switch (opcode) {
            case WsFrames.OP_TEXT, WsFrames.OP_BINARY -> {
                if (fin) {
                    listener.onMessage(this, d, off, len, opcode == WsFrames.OP_TEXT, recvNanos);
                } else {
                    fragments = Arrays.copyOfRange(d, off, off + len);
                    fragmentsLen = len;
                    fragmentsOpcode = opcode;
                }
            }
            case WsFrames.OP_CONTINUATION -> continuation(fin, d, off, len, recvNanos);
            case WsFrames.OP_PING -> write(WsFrames.clientFrame(WsFrames.OP_PONG, Arrays.copyOfRange(d, off, off + len)));
            case WsFrames.OP_CLOSE -> {
                int code = len >= 2 ? ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff) : 1005;
                String reason = len > 2 ? new String(d, off + 2, len - 2, StandardCharsets.UTF_8) : "";
                if (state == State.OPEN) {
                    write(WsFrames.closeFrame(code == 1005 ? 1000 : code));
                }
                closed(code, reason);
            }
            default -> { }
        }
    }

    private void continuation(boolean fin, byte[] d, int off, int len, long recvNanos) {
        if (fragments == null) {
            return;
        }
        if (fragmentsLen + len > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(fragmentsLen + len, fragments.length * 2));
        }
        System.arraycopy(d, off, fragments, fragmentsLen, len);
        fragmentsLen += len;
        if (fin) {
            byte[] whole = fragments;
            fragments = null;
            listener.onMessage(this, whole, 0, fragmentsLen, fragmentsOpcode == WsFrames.OP_TEXT, recvNanos);
        }
    }

    /** On the selector thread: releases the socket and reports the close once. */
    void closed(int code, String reason) {
        synchronized (outbound) {
            state = State.CLOSED;
            outbound.clear();
        }
        if (selectionKey != null) {
            selectionKey.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (!closeReported) {
            closeReported = true;
            loop.connectionClosed();
            listener.onClose(this, code, reason == null ? "" : reason);
        }
    }
}
