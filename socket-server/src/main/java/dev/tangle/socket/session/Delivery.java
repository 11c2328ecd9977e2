package dev.tangle.socket.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.socket.frames.OutFrame;

/**
 * Orders message frames into one session: no gap and no duplicate across a resume (ADR 0042).
 *
 * <p>From hello until the client's first {@code resume} (or the resume window ends), live messages are held.
 * A conversation being resumed buffers live messages while its history is fetched; history is delivered
 * first, then the buffer in seq order, each {@code created} message once ({@link SeqWindow}).
 */
public final class Delivery {

    private static final Comparator<Pending> BY_SEQ = Comparator.comparingLong(Pending::seq);

    private final Session session;
    private final Map<UUID, Stream> streams = new HashMap<>();
    private boolean holding = true;
    private int buffered;

    Delivery(Session session) {
        this.session = session;
    }

    /** A live message event. */
    public synchronized void live(UUID conversationId, long seq, boolean created, OutFrame frame) {
        Stream stream = streams.computeIfAbsent(conversationId, id -> new Stream());
        if (holding || stream.buffer != null) {
            if (stream.buffer == null) {
                stream.buffer = new ArrayList<>();
            }
            stream.buffer.add(new Pending(seq, created, frame));
            if (++buffered > session.limits().queueMessages()) {
                session.tooSlow("too many messages buffered during resume");
            }
            return;
        }
        emit(stream, seq, created, frame);
    }

    /** Starts resuming a conversation: the client has everything up to {@code cursor}; buffer live messages. */
    public synchronized void beginResume(UUID conversationId, long cursor) {
        Stream stream = streams.computeIfAbsent(conversationId, id -> new Stream());
        stream.window.raiseFloor(cursor);
        if (stream.buffer == null) {
            stream.buffer = new ArrayList<>();
        }
        stream.resuming = true;
    }

    /** One message from history, in ascending seq order. */
    public synchronized boolean history(UUID conversationId, long seq, OutFrame frame) {
        Stream stream = streams.computeIfAbsent(conversationId, id -> new Stream());
        return emit(stream, seq, true, frame);
    }

    /** History of the conversation is complete: deliver what arrived meanwhile and go live. */
    public synchronized void endResume(UUID conversationId) {
        Stream stream = streams.get(conversationId);
        if (stream != null) {
            stream.resuming = false;
            if (!holding) {
                flush(stream);
            }
        }
    }

    /** Ends the hold after hello: every conversation not being resumed goes live. */
    public synchronized void endHold() {
        if (!holding) {
            return;
        }
        holding = false;
        streams.values().stream().filter(s -> !s.resuming).forEach(this::flush);
    }

    /** Forgets a conversation the user left. */
    public synchronized void forget(UUID conversationId) {
        Stream stream = streams.remove(conversationId);
        if (stream != null && stream.buffer != null) {
            buffered -= stream.buffer.size();
        }
    }

    private void flush(Stream stream) {
        List<Pending> pending = stream.buffer;
        stream.buffer = null;
        if (pending == null) {
            return;
        }
        buffered -= pending.size();
        pending.sort(BY_SEQ);
        for (Pending p : pending) {
            emit(stream, p.seq, p.created, p.frame);
        }
    }

    private boolean emit(Stream stream, long seq, boolean created, OutFrame frame) {
        if (created && !stream.window.add(seq)) {
            return false;
        }
        session.enqueue(frame);
        return true;
    }

    private static final class Stream {
        final SeqWindow window = new SeqWindow();
        List<Pending> buffer;
        boolean resuming;
    }

    private record Pending(long seq, boolean created, OutFrame frame) {
    }
}
