package dev.tangle.socket.fanout;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance knows of the last seq of each conversation it is subscribed to (ADR 0158), so that a resume
 * whose cursor is already there needs no history request.
 *
 * <p>A conversation's head {@code h} is a promise: every message with a seq above {@code h} reaches this instance
 * live. It is learnt from a history read that reached the end while the subscription was in effect (any message
 * that read did not see commits later, and is published after its commit, so it arrives live), and raised by the
 * live messages that arrive after it. It is forgotten when the subscription ends, and all heads are forgotten
 * when NATS may have dropped messages: a disconnect, a reconnect, a slow consumer ({@link #interrupted}).
 */
public final class Heads {

    /** No head known: a resume must read history. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private final ConcurrentHashMap<UUID, Head> heads = new ConcurrentHashMap<>();
    /** Bumped on every interruption: a head learnt in an earlier epoch is no head. */
    private final AtomicLong epoch = new AtomicLong(1);

    /** One conversation's head; {@code epoch} 0 until one is learnt. */
    private static final class Head {
        long epoch;
        long seq;
    }

    /** Where a history read starts: the head it may teach, if it reaches the end. */
    public static final class Mark {
        private final Head head;
        private final long epoch;

        private Mark(Head head, long epoch) {
            this.head = head;
            this.epoch = epoch;
        }
    }

    /** The subscription of a conversation starts: nothing is known yet. */
    void track(UUID conversationId) {
        heads.put(conversationId, new Head());
    }

    /** The subscription ends. */
    void untrack(UUID conversationId) {
        heads.remove(conversationId);
    }

    /** NATS may have dropped messages of the core subscriptions: forget every head. */
    public void interrupted() {
        epoch.incrementAndGet();
    }

    /** The conversation's head, or {@link #UNKNOWN}. */
    public long head(UUID conversationId) {
        Head head = heads.get(conversationId);
        if (head == null) {
            return UNKNOWN;
        }
        synchronized (head) {
            return head.epoch == epoch.get() ? head.seq : UNKNOWN;
        }
    }

    /** Taken before a history read; {@code null} when the conversation is not subscribed here. */
    public Mark mark(UUID conversationId) {
        Head head = heads.get(conversationId);
        return head == null ? null : new Mark(head, epoch.get());
    }

    /** A history read begun at {@code mark} reached the end: nothing above {@code seq} existed then. */
    public void learnt(Mark mark, long seq) {
        if (mark == null) {
            return;
        }
        Head head = mark.head;
        synchronized (head) {
            if (epoch.get() != mark.epoch) {
                return;
            }
            if (head.epoch != mark.epoch) {
                head.epoch = mark.epoch;
                head.seq = seq;
            } else if (seq > head.seq) {
                head.seq = seq;
            }
        }
    }

    /** A message created with {@code seq} arrived live: a known head moves up to it. */
    public void live(UUID conversationId, long seq) {
        Head head = heads.get(conversationId);
        if (head == null) {
            return;
        }
        synchronized (head) {
            if (head.epoch == epoch.get() && seq > head.seq) {
                head.seq = seq;
            }
        }
    }
}
