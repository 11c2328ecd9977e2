package dev.tangle.socket.ws;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.concurrency.limits.LimitException;
import io.helidon.common.socket.SocketContext;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.ClientWsFrame;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsCloseException;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsOpCode;
import io.helidon.websocket.WsSession;

/**
 * The server side of one WebSocket connection (RFC 6455), in place of Helidon's {@code WsConnection}:
 * Helidon's frame parsing (masking, length, frame limit) but our own message assembly. The listener gets every
 * data message whole ({@code last} is always true), text decoded strictly from all its fragments' bytes; a
 * protocol violation closes with its code (1002 bad fragment order, 1007 invalid UTF-8, 1009 too big) and the
 * listener hears it as {@code onClose}. Sends are serialized, and the listener always hears exactly one
 * {@code onClose} — also when the TCP connection just drops (1006).
 */
final class StrictWsConnection implements ServerConnection, WsSession, PreparedFrames {

    private static final System.Logger LOG = System.getLogger(StrictWsConnection.class.getName());

    private final ConnectionContext ctx;
    private final Headers upgradeHeaders;
    private final WsListener listener;
    private final int maxFrameBytes;
    private final DataReader reader;
    private final MessageAssembler assembler;
    private final Object sendLock = new Object();

    private boolean closeSent;
    private boolean sendingFragments;
    private boolean closeReported;
    private volatile Thread thread;
    private volatile boolean canRun = true;
    private volatile boolean readingNetwork;
    private volatile long lastActivityNanos = System.nanoTime();

    StrictWsConnection(ConnectionContext ctx, Headers upgradeHeaders, WsListener listener, int maxFrameBytes) {
        this.ctx = ctx;
        this.upgradeHeaders = upgradeHeaders;
        this.listener = listener;
        this.maxFrameBytes = maxFrameBytes;
        this.reader = ctx.dataReader();
        this.assembler = new MessageAssembler(maxFrameBytes);
    }

    /**
     * Reads frames until the connection is done. As Helidon 4.5.0's own connection does, the server's
     * concurrency limit is taken per message (for {@code onOpen} and for each frame's processing), not for the
     * connection's whole life, so idle connections hold no permit.
     */
    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        try {
            if (!underLimit(limit, this::openOnItsOwnThread)) {
                return;
            }
            while (canRun) {
                readingNetwork = true;
                ClientWsFrame frame = ClientWsFrame.read(ctx, reader, maxFrameBytes);
                readingNetwork = false;
                lastActivityNanos = System.nanoTime();
                if (!underLimit(limit, () -> process(frame))) {
                    return;
                }
            }
            close(WsCloseCodes.NORMAL_CLOSE, "Idle timeout");
            report(WsCloseCodes.NORMAL_CLOSE, "Idle timeout");
        } catch (WsCloseException e) {
            // a protocol violation by the client: tell it why, then drop the connection
            closeQuietly(e.closeCode(), e.getMessage());
            report(e.closeCode(), e.getMessage());
            throw new CloseConnectionException("WebSocket closed: " + e.getMessage(), e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new CloseConnectionException("Socket closed by the other side", e);
        } catch (CloseConnectionException e) {
            throw e;
        } catch (RuntimeException e) {
            // a listener failure, or the connection was torn down under a blocked read (interrupted)
            if (canRun) { // not our own teardown
                logUnexpected(e);
            }
            closeQuietly(WsCloseCodes.UNEXPECTED_CONDITION, "Unexpected condition");
            report(WsCloseCodes.UNEXPECTED_CONDITION, "listener failed: " + e);
            throw new CloseConnectionException("WebSocket listener failed", e);
        } finally {
            report(WsCloseCodes.CLOSED_ABNORMALLY, "connection lost");
        }
    }

    /**
     * Runs the listener's {@code onOpen} on a short-lived virtual thread and waits for it. {@code onOpen} parks
     * deep in the session's set-up (requests to api-server, the NATS flush), and a virtual thread that parked deep
     * keeps the stack chunk that park needed: the connection's own thread, which lives as long as the connection,
     * then only ever parks shallow, in its read (ADR 0159).
     */
    private boolean openOnItsOwnThread() {
        Throwable[] failure = new Throwable[1];
        Thread opener = Thread.ofVirtual().name("ws-open").start(() -> {
            try {
                listener.onOpen(this);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        try {
            opener.join();
        } catch (InterruptedException e) {
            opener.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the session opened", e);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return true;
    }

    /** Runs {@code step} under the limit; false when it says stop, or when the limit refused it (then closed 1013). */
    private boolean underLimit(Limit limit, Callable<Boolean> step) {
        try {
            return limit.invoke(step);
        } catch (LimitException e) {
            closeQuietly(WsCloseCodes.TRY_AGAIN_LATER, "Too many concurrent requests");
            report(WsCloseCodes.TRY_AGAIN_LATER, "Too many concurrent requests");
            return false;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** False once the connection is done (close handshake finished). */
    private boolean process(ClientWsFrame frame) {
        WsOpCode op = frame.opCode();
        switch (op) {
            case TEXT, BINARY -> deliver(assembler.first(op == WsOpCode.TEXT, bytes(frame.payloadData()), frame.fin()));
            case CONTINUATION -> deliver(assembler.continuation(bytes(frame.payloadData()), frame.fin()));
            case PING -> listener.onPing(this, frame.payloadData());
            case PONG -> listener.onPong(this, frame.payloadData());
            case CLOSE -> {
                closed(frame.payloadData());
                return false;
            }
            default -> throw new WsCloseException("Unknown opcode", WsCloseCodes.PROTOCOL_ERROR);
        }
        return true;
    }

    private void deliver(MessageAssembler.Message message) {
        if (message instanceof MessageAssembler.Text text) {
            listener.onMessage(this, text.text(), true);
        } else if (message instanceof MessageAssembler.Binary binary) {
            listener.onMessage(this, BufferData.create(binary.bytes()), true);
        }
    }

    private void closed(BufferData payload) {
        int status = WsCloseCodes.NO_STATUS_CODE;
        String reason = "";
        if (payload.available() >= 2) {
            status = payload.readInt16();
            byte[] rest = bytes(payload);
            reason = new String(rest, StandardCharsets.UTF_8);
        }
        report(status, reason);
        close(WsCloseCodes.NORMAL_CLOSE, "normal");
    }

    /** A close frame on a connection that may already be gone. */
    private void closeQuietly(int code, String reason) {
        try {
            close(code, reason);
        } catch (RuntimeException gone) {
            // nothing more to tell the peer
        }
    }

    /**
     * Logs why a connection is closed 1011: the exception's class and where it was thrown, never its message,
     * which may quote a frame (coordinates, tokens).
     */
    private static void logUnexpected(RuntimeException e) {
        StackTraceElement[] stack = e.getStackTrace();
        String at = stack.length == 0 ? "unknown" : stack[0].toString();
        Throwable cause = e.getCause();
        LOG.log(Level.WARNING, "WebSocket closed 1011: " + e.getClass().getName() + " at " + at
                               + (cause == null ? "" : ", caused by " + cause.getClass().getName()));
    }

    private synchronized void report(int status, String reason) {
        if (!closeReported) {
            closeReported = true;
            listener.onClose(this, status, reason);
        }
    }

    private static byte[] bytes(BufferData data) {
        byte[] bytes = new byte[data.available()];
        data.read(bytes);
        return bytes;
    }

    @Override
    public WsSession send(String text, boolean last) {
        return write(WsOpCode.TEXT, text.getBytes(StandardCharsets.UTF_8), last);
    }

    @Override
    public WsSession send(BufferData bufferData, boolean last) {
        return write(WsOpCode.BINARY, bytes(bufferData), last);
    }

    @Override
    public WsSession ping(BufferData bufferData) {
        return write(WsOpCode.PING, bytes(bufferData), true);
    }

    @Override
    public WsSession pong(BufferData bufferData) {
        return write(WsOpCode.PONG, bytes(bufferData), true);
    }

    /** Sends a close frame once; later calls do nothing. */
    @Override
    public WsSession close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        while (length > 0 && length < text.length && (text[length] & 0xC0) == 0x80) {
            length--; // do not cut a character in two
        }
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        synchronized (sendLock) {
            if (closeSent) {
                return this;
            }
            closeSent = true;
            frame(WsOpCode.CLOSE, payload, true);
        }
        return this;
    }

    @Override
    public WsSession terminate() {
        close(WsCloseCodes.NORMAL_CLOSE, "Terminate");
        throw new CloseConnectionException("Terminate from WebSocket");
    }

    @Override
    public Optional<String> subProtocol() {
        return upgradeHeaders.first(WsUpgrader.PROTOCOL);
    }

    @Override
    public SocketContext socketContext() {
        return ctx;
    }

    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - lastActivityNanos);
    }

    @Override
    public void close(boolean interrupt) {
        canRun = false;
        Thread t = thread;
        if (t != null && (interrupt || readingNetwork)) {
            t.interrupt();
        }
    }

    private WsSession write(WsOpCode op, byte[] payload, boolean fin) {
        synchronized (sendLock) {
            if (closeSent) {
                throw new IllegalStateException("WebSocket close already sent");
            }
            boolean data = op == WsOpCode.TEXT || op == WsOpCode.BINARY;
            frame(data && sendingFragments ? WsOpCode.CONTINUATION : op, payload, fin);
            if (data) {
                sendingFragments = !fin;
            }
        }
        return this;
    }

    @Override
    public void sendPrepared(byte[] frames) {
        synchronized (sendLock) {
            if (closeSent) {
                throw new IllegalStateException("WebSocket close already sent");
            }
            if (sendingFragments) {
                throw new IllegalStateException("A fragmented message is unfinished");
            }
            ctx.dataWriter().writeNow(BufferData.create(frames));
        }
    }

    /** One unmasked server frame, written at once. Called under the send lock. */
    private void frame(WsOpCode op, byte[] payload, boolean fin) {
        ctx.dataWriter().writeNow(BufferData.create(ServerFrames.frame(op.code(), payload, fin)));
    }
}
