package dev.tangle.socket.session;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.ws.PreparedFrames;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * One WebSocket connection of a user. Everything sent to it goes through a bounded outbound queue drained by
 * one writer at a time: a virtual thread started when the queue turns non-empty and ending when it is empty
 * again, so an idle session holds no thread (a frame for an idle session is handed to the writer it starts, counted
 * as queued but not put in the queue; the frames queued behind a write go out in one socket write: ADRs 0141,
 * 0142). The connection serializes sends itself (as Helidon 4.5.0's does); the queue is there so that no thread
 * that fans out ever blocks on one slow socket (ADRs 0041, 0120).
 *
 * <p>A session that falls behind (queue over its message or byte limit) is closed with 4009; typing and
 * presence frames are dropped once the queue is half full, before that happens.
 */
public final class Session {

    public static final int CLOSE_UNAUTHORIZED = 4001;
    public static final int CLOSE_RATE_LIMITED = 4008;
    public static final int CLOSE_TOO_SLOW = 4009;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_TOO_BIG = 1009;

    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("ws-writer").factory();
    /** At most this many bytes, and frames, of queued data frames go out in one socket write. */
    static final int GATHER_BYTES = 32 * 1024;
    static final int GATHER_FRAMES = 32;
    private static final Object STOP = new Object();
    private static final AtomicIntegerFieldUpdater<Session> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(Session.class, "queued");
    private static final AtomicLongFieldUpdater<Session> QUEUED_BYTES =
            AtomicLongFieldUpdater.newUpdater(Session.class, "queuedBytes");
    private static final AtomicIntegerFieldUpdater<Session> WRITING =
            AtomicIntegerFieldUpdater.newUpdater(Session.class, "writing");

    private final String id;
    private final UUID userId;
    private final WsSession ws;
    private final WsSettings limits;
    private final SessionEvents events;
    private final Delivery delivery = new Delivery(this);
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    // counters in the session itself rather than in Atomic* objects of their own: one cache line fewer to fetch
    // per delivery on the fan-out thread and on the writer (ADR 0142)
    private volatile int queued;
    private volatile long queuedBytes;
    private volatile int writing; // 1 while a writer drains the queue
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean terminated;
    private volatile boolean closing;
    private volatile long closingSinceNanos;
    private volatile long writeStartedNanos;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile Instant tokenExpiresAt;
    private volatile Thread writer;

    /** What a session reports back to its owner. */
    public interface SessionEvents {
        /** Exactly once, when the session stops taking frames: release its subscriptions and presence. */
        void ended(Session session, int code, String reason);

        /** After each frame is written. */
        void written(OutFrame frame);
    }

    private record Control(int kind, BufferData data, int code, String reason) {
        static final int PING = 0;
        static final int PONG = 1;
        static final int CLOSE = 2;
    }

    Session(String id, UUID userId, Instant tokenExpiresAt, WsSession ws, WsSettings limits, SessionEvents events) {
        this.id = id;
        this.userId = userId;
        this.tokenExpiresAt = tokenExpiresAt;
        this.ws = ws;
        this.limits = limits;
        this.events = events;
    }

    public String id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    WsSettings limits() {
        return limits;
    }

    /** Message ordering and resume state of this session. */
    public Delivery delivery() {
        return delivery;
    }

    /** Waits (resume thread) until the outbound queue is at most half full, or the session is closed. */
    public void awaitCapacity() {
        while (open() && (queued > limits.queueMessages() / 2 || queuedBytes > limits.queueBytes() / 2)) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    public void tokenExpiresAt(Instant expiresAt) {
        this.tokenExpiresAt = expiresAt;
    }

    public boolean open() {
        return !closing && !ended.get();
    }

    int queued() {
        return queued;
    }

    /** Queues a frame; false if it was dropped (session closing, or a droppable frame while behind). */
    public boolean enqueue(OutFrame frame) {
        if (closing) {
            return false;
        }
        int count = queued;
        long bytes = queuedBytes;
        if (frame.droppable() && (count > limits.queueMessages() / 2 || bytes > limits.queueBytes() / 2)) {
            return false;
        }
        QUEUED.incrementAndGet(this);
        QUEUED_BYTES.addAndGet(this, frame.bytes());
        if (count == 0 && frame.bytes() <= limits.queueBytes() && WRITING.compareAndSet(this, 0, 1)) {
            // the usual case: no data frame queued or being written and no writer: hand the frame to a new writer
            // as it is, without the queue. A later frame of the same thread then finds count > 0 (until this one
            // is being written) or the writer busy, and goes behind it (ADR 0142).
            startWriter(frame);
            return true;
        }
        queue.add(frame);
        if (count + 1 > limits.queueMessages() || bytes + frame.bytes() > limits.queueBytes()) {
            tooSlow("outbound queue over its limit");
            return false;
        }
        kick();
        return true;
    }

    /** Closes with 4009: the client can reconnect and resume. */
    void tooSlow(String why) {
        if (!closing) {
            LOG.log(Level.DEBUG, "Session " + id + " of " + userId + " is too slow: " + why);
            close(CLOSE_TOO_SLOW, "too slow");
        }
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** Nanos the current write has been blocked, 0 when not writing. */
    long writeBlockedNanos(long now) {
        long started = writeStartedNanos;
        return started == 0 ? 0 : now - started;
    }

    long closingForNanos(long now) {
        return closing ? now - closingSinceNanos : 0;
    }

    void ping() {
        enqueueControl(new Control(Control.PING, BufferData.empty(), 0, null));
    }

    void pong(BufferData payload) {
        byte[] copy = new byte[payload.available()];
        payload.read(copy);
        enqueueControl(new Control(Control.PONG, BufferData.create(copy), 0, null));
    }

    /** Sends a close frame after nothing else (what is still queued is discarded) and releases the session. */
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closingSinceNanos = System.nanoTime();
        while (queue.poll() != null) {
            QUEUED.decrementAndGet(this);
        }
        queuedBytes = 0;
        queue.add(new Control(Control.CLOSE, null, code, reason));
        kick();
        end(code, reason);
    }

    /** The connection is gone or stuck: release it and tear down the socket without a close handshake. */
    void abort(String reason) {
        closing = true;
        terminated = true;
        end(1006, reason);
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        if (ws instanceof ServerConnection connection) {
            connection.close(true);
        }
    }

    /** Helidon is done with the connection. */
    void terminated() {
        terminated = true;
    }

    public boolean isTerminated() {
        return terminated;
    }

    /** Called when the peer closed or the transport failed. */
    void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            events.ended(this, code, reason);
        }
    }

    private void enqueueControl(Control control) {
        if (!closing) {
            queue.add(control);
            kick();
        }
    }

    private void kick() {
        if (WRITING.compareAndSet(this, 0, 1)) {
            startWriter(null);
        }
    }

    /** Called with the writing flag won; the new writer writes {@code first} (if any) before what is queued. */
    private void startWriter(OutFrame first) {
        WRITERS.newThread(() -> drain(first)).start();
    }

    /**
     * Writes what is queued until the queue is empty, on the writer thread {@link #kick} got (only one at a time).
     * The data frames queued at the time go out in one socket write (ADR 0141).
     */
    private void drain(OutFrame first) {
        writer = Thread.currentThread();
        try {
            Object item = first != null ? first : queue.poll();
            while (true) {
                if (item == null) {
                    writing = 0;
                    if (queue.isEmpty() || !WRITING.compareAndSet(this, 0, 1)) {
                        return;
                    }
                    item = queue.poll();
                } else if (item instanceof OutFrame frame) {
                    item = writeFrames(frame);
                    if (item == STOP) {
                        return;
                    }
                } else if (!writeControl((Control) item)) {
                    return;
                } else {
                    item = queue.poll();
                }
            }
        } finally {
            writer = null;
        }
    }

    /**
     * Writes {@code first} and the data frames queued behind it, up to {@link #GATHER_BYTES}, in one write.
     *
     * @return the next queued item that is not part of the write (null when the queue was empty), or STOP
     */
    private Object writeFrames(OutFrame first) {
        OutFrame[] batch = null;
        int count = 1;
        int bytes = first.bytes();
        Object next = queue.poll();
        while (next instanceof OutFrame frame && bytes + frame.bytes() <= GATHER_BYTES && count < GATHER_FRAMES) {
            if (batch == null) {
                batch = new OutFrame[GATHER_FRAMES];
                batch[0] = first;
            }
            batch[count++] = frame;
            bytes += frame.bytes();
            next = queue.poll();
        }
        QUEUED.addAndGet(this, -count);
        QUEUED_BYTES.addAndGet(this, -bytes);
        writeStartedNanos = System.nanoTime();
        try {
            if (ws instanceof PreparedFrames prepared) {
                prepared.sendPrepared(batch == null ? first.wire() : concat(batch, count, bytes));
            } else {
                for (int i = 0; i < count; i++) {
                    ws.send((batch == null ? first : batch[i]).text(), true);
                }
            }
        } catch (RuntimeException e) {
            failed(e);
            return STOP;
        } finally {
            writeStartedNanos = 0;
        }
        if (batch == null) {
            events.written(first);
        } else {
            for (int i = 0; i < count; i++) {
                events.written(batch[i]);
            }
        }
        return next;
    }

    /** The frames' bytes one after the other: each is a complete WebSocket frame, the peer reads them in order. */
    private static byte[] concat(OutFrame[] frames, int count, int bytes) {
        byte[] all = new byte[bytes];
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] wire = frames[i].wire();
            System.arraycopy(wire, 0, all, at, wire.length);
            at += wire.length;
        }
        return all;
    }

    /** @return false once the close frame is sent or the write failed */
    private boolean writeControl(Control control) {
        writeStartedNanos = System.nanoTime();
        try {
            switch (control.kind()) {
                case Control.PING -> ws.ping(control.data());
                case Control.PONG -> ws.pong(control.data());
                default -> {
                    ws.close(control.code(), control.reason());
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        } finally {
            writeStartedNanos = 0;
        }
    }

    private void failed(RuntimeException e) {
        LOG.log(Level.DEBUG, "Session " + id + ": write failed, dropping it: " + e);
        abort("write failed");
    }
}
