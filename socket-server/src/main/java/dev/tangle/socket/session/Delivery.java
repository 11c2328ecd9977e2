package dev.tangle.socket.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.socket.frames.OutFrame;

/**
 * Orders message frames into one session: every {@code created} seq at most once, never one dropped that
 * this session did not deliver, in seq order whenever the client resumed in time (ADRs 0042, 0045).
 *
 * <p>From hello until the client's first {@code resume} (or the resume window ends), live messages are held.
 * A conversation being resumed buffers live messages while history after the cursor is delivered, then the
 * buffer in seq order. A live message that would skip seqs after the highest one delivered is buffered and
 * the gap is filled from history first ({@link GapFiller}).
 */
public final class Delivery {

    private static final Comparator<Pending> BY_SEQ = Comparator.comparingLong(Pending::seq);

    /** Fetches the history of a gap, then calls {@link #endFill}. */
    public interface GapFiller {
        void fill(Session session, UUID conversationId);
    }

    /** A gap to fill from history: seqs after {@code after} up to {@code until}. */
    public record Gap(long after, long until) {
    }

    private final Session session;
    private final Map<UUID, Stream> streams = new HashMap<>();
    private Stream last;
    private GapFiller filler;
    private boolean holding = true;
    private int buffered;

    Delivery(Session session) {
        this.session = session;
    }

    /** Set before the session receives anything. */
    public synchronized void filler(GapFiller filler) {
        this.filler = filler;
    }

    /** A live message event. */
    public synchronized void live(UUID conversationId, long seq, boolean created, OutFrame frame) {
        Stream stream = stream(conversationId);
        if (created && !holding && stream.buffer == null && stream.had.addNext(seq)) {
            session.enqueue(frame); // the usual case: live, in order, right after the last one delivered
            return;
        }
        if (holding || stream.buffer != null) {
            buffer(stream, new Pending(seq, created, frame));
            return;
        }
        if (created && gapBefore(stream, seq)) {
            buffer(stream, new Pending(seq, created, frame));
            startFill(conversationId, stream);
            return;
        }
        emit(stream, seq, created, frame);
    }

    /** Starts resuming a conversation: the client has everything up to {@code cursor}; buffer live messages. */
    public synchronized void beginResume(UUID conversationId, long cursor) {
        Stream stream = stream(conversationId);
        stream.had.addUpTo(cursor);
        if (stream.buffer == null) {
            stream.buffer = new ArrayList<>();
        }
        stream.resuming = true;
    }

    /** One message from history, in ascending seq order; false if this session had it already. */
    public synchronized boolean history(UUID conversationId, long seq, OutFrame frame) {
        return emit(stream(conversationId), seq, true, frame);
    }

    /** History of the conversation is complete: deliver what arrived meanwhile and go live. */
    public synchronized void endResume(UUID conversationId) {
        Stream stream = streams.get(conversationId);
        if (stream != null) {
            stream.resuming = false;
            release(conversationId, stream);
        }
    }

    /**
     * The filler is about to fetch: the gap still to fill, or null when live messages closed it meanwhile (then
     * the buffer has been delivered and the fill is over).
     */
    public synchronized Gap fillFrom(UUID conversationId) {
        Stream stream = streams.get(conversationId);
        if (stream == null || !stream.filling) {
            return null;
        }
        long highest = stream.had.highest();
        long until = highest;
        boolean contiguous = true;
        if (stream.buffer != null) {
            stream.buffer.sort(BY_SEQ);
        }
        for (Pending p : stream.buffer == null ? List.<Pending>of() : stream.buffer) {
            if (p.created && p.seq > highest) {
                contiguous &= p.seq <= until + 1;
                until = Math.max(until, p.seq);
            }
        }
        if (contiguous) {
            endFill(conversationId);
            return null;
        }
        return new Gap(highest, until);
    }

    /** The gap's history was delivered (or could not be fetched): deliver the buffer, even with a gap left. */
    public synchronized void endFill(UUID conversationId) {
        Stream stream = streams.get(conversationId);
        if (stream != null && stream.filling) {
            stream.filling = false;
            if (!holding && !stream.resuming) {
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
        streams.forEach(this::release);
    }

    /** Forgets a conversation the user left. */
    public synchronized void forget(UUID conversationId) {
        Stream stream = streams.remove(conversationId);
        if (stream == last) {
            last = null;
        }
        if (stream != null && stream.buffer != null) {
            buffered -= stream.buffer.size();
        }
    }

    /** The conversation's stream; the last one used is at hand without the map lookup (ADR 0142). */
    private Stream stream(UUID conversationId) {
        Stream stream = last;
        if (stream == null || !stream.is(conversationId)) {
            stream = streams.computeIfAbsent(conversationId, Stream::new);
            last = stream;
        }
        return stream;
    }

    private void buffer(Stream stream, Pending pending) {
        if (stream.buffer == null) {
            stream.buffer = new ArrayList<>();
        }
        stream.buffer.add(pending);
        if (++buffered > session.limits().queueMessages()) {
            session.tooSlow("too many messages buffered during resume");
        }
    }

    /** Delivers the buffer unless it starts after a gap, in which case the gap is filled first. */
    private void release(UUID conversationId, Stream stream) {
        if (holding || stream.resuming || stream.filling || stream.buffer == null) {
            return;
        }
        long lowest = stream.buffer.stream().filter(p -> p.created && !stream.had.contains(p.seq))
                .mapToLong(Pending::seq).min().orElse(Long.MAX_VALUE);
        if (lowest != Long.MAX_VALUE && gapBefore(stream, lowest)) {
            startFill(conversationId, stream);
        } else {
            flush(stream);
        }
    }

    private boolean gapBefore(Stream stream, long seq) {
        return filler != null && !stream.had.isEmpty() && seq > stream.had.highest() + 1;
    }

    private void startFill(UUID conversationId, Stream stream) {
        stream.filling = true;
        filler.fill(session, conversationId);
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
        if (created && !stream.had.add(seq)) {
            return false;
        }
        session.enqueue(frame);
        return true;
    }

    private static final class Stream {
        final long idHigh;
        final long idLow;
        final SeqRanges had = new SeqRanges();
        List<Pending> buffer;
        boolean resuming;
        boolean filling;

        Stream(UUID conversationId) {
            idHigh = conversationId.getMostSignificantBits();
            idLow = conversationId.getLeastSignificantBits();
        }

        boolean is(UUID conversationId) {
            return idLow == conversationId.getLeastSignificantBits() && idHigh == conversationId.getMostSignificantBits();
        }
    }

    private record Pending(long seq, boolean created, OutFrame frame) {
    }
}
