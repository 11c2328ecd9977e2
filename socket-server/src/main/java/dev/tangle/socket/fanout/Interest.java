package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.frames.FrameException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.MessageHandler;

/**
 * This instance's NATS interest: {@code tangle.evt.chat.<id>.>} and {@code tangle.rt.typing.<id>} for every
 * conversation with at least one member connected here (reference counted by local users), and
 * {@code tangle.evt.user.<id>.>} and {@code tangle.rt.user.<id>} for every connected user.
 */
public final class Interest {

    private final Connection nats;
    private final ConcurrentHashMap<UUID, Set<UUID>> localMembers = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final ReentrantLock flushLock = new ReentrantLock();
    private long flushed;
    private Dispatcher dispatcher;

    public Interest(Connection nats) {
        this.nats = nats;
    }

    /** Starts delivering what the subscriptions receive to {@code handler} (one thread, in order). */
    public synchronized void routeTo(MessageHandler handler) {
        dispatcher = nats.createDispatcher(handler);
    }

    /** Local users who receive a conversation. */
    public Set<UUID> localMembers(UUID conversationId) {
        Set<UUID> members = localMembers.get(conversationId);
        return members == null ? Set.of() : members;
    }

    public synchronized void add(UUID conversationId, UUID userId) {
        Set<UUID> members = localMembers.get(conversationId);
        if (members == null) {
            members = ConcurrentHashMap.newKeySet();
            localMembers.put(conversationId, members);
            dispatcher.subscribe(Subjects.events("chat", conversationId));
            changes.incrementAndGet();
            dispatcher.subscribe(Subjects.realtime("typing", conversationId));
        }
        members.add(userId);
    }

    public synchronized void remove(UUID conversationId, UUID userId) {
        Set<UUID> members = localMembers.get(conversationId);
        if (members != null && members.remove(userId) && members.isEmpty()) {
            localMembers.remove(conversationId);
            if (!dispatcher.isActive()) {
                return;
            }
            dispatcher.unsubscribe(Subjects.events("chat", conversationId));
            dispatcher.unsubscribe(Subjects.realtime("typing", conversationId));
        }
    }

    public synchronized void watchUser(UUID userId) {
        dispatcher.subscribe(Subjects.events("user", userId));
        changes.incrementAndGet();
        dispatcher.subscribe(Subjects.realtime("user", userId));
    }

    public synchronized void unwatchUser(UUID userId) {
        if (!dispatcher.isActive()) {
            return; // shutting down: the connection is closed
        }
        dispatcher.unsubscribe(Subjects.events("user", userId));
        dispatcher.unsubscribe(Subjects.realtime("user", userId));
    }

    /**
     * Round trip to the server: every subscription made before is in effect afterwards. One flush at a time, and
     * a caller whose subscriptions a flush already covered does not flush again: each flush is a PING, and
     * jnats drops the connection (losing what is published meanwhile) once more than two are outstanding, which
     * hundreds of sessions opening at once used to cause (ADR 0045).
     */
    public void flush() {
        long mine = changes.get();
        flushLock.lock();
        try {
            if (flushed >= mine) {
                return;
            }
            long covered = changes.get();
            nats.flush(Duration.ofSeconds(5));
            flushed = covered;
        } catch (TimeoutException e) {
            throw new FrameException("unavailable", null, "NATS did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushLock.unlock();
        }
    }

    /** Conversations with local interest, for metrics. */
    public int conversationCount() {
        return localMembers.size();
    }
}
