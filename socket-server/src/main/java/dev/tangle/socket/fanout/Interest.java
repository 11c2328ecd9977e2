package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.session.LocalUser;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.MessageHandler;

/**
 * This instance's NATS interest: {@code tangle.evt.chat.<id>.>} and {@code tangle.rt.typing.<id>} for every
 * conversation with at least one member connected here, and {@code tangle.evt.user.<id>.>} and
 * {@code tangle.rt.user.<id>} for every connected user.
 *
 * <p>Each conversation's local members are kept as an array of {@link LocalUser}s (copied on change, which is
 * rare next to deliveries), so fanning an event out is a walk over an array with no lookups. Subscriptions are
 * spread over several dispatchers by conversation (or user) id: fan-out of different conversations runs in
 * parallel, the events of one conversation stay in order on one thread.
 */
public final class Interest implements EventRouter.LocalMembers {

    private static final LocalUser[] NONE = new LocalUser[0];

    private final Connection nats;
    private final Heads heads;
    private final ConcurrentHashMap<UUID, LocalUser[]> rooms = new ConcurrentHashMap<>();
    /** Changes of one conversation's members and subscriptions are serialized by one of these, by id. */
    private final Object[] stripes = new Object[64];
    private final AtomicLong changes = new AtomicLong();
    private final ReentrantLock flushLock = new ReentrantLock();
    private long flushed;
    private Dispatcher[] dispatchers;

    public Interest(Connection nats, Heads heads) {
        this.nats = nats;
        this.heads = heads;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Starts delivering what the subscriptions receive to {@code handler} on {@code threads} dispatcher threads;
     * the handler must be safe to call from several of them at once.
     */
    public synchronized void routeTo(MessageHandler handler, int threads) {
        dispatchers = new Dispatcher[threads];
        for (int i = 0; i < threads; i++) {
            dispatchers[i] = nats.createDispatcher(handler);
        }
    }

    /** Local users who receive a conversation; do not modify the array. */
    @Override
    public LocalUser[] localMembers(UUID conversationId) {
        LocalUser[] members = rooms.get(conversationId);
        return members == null ? NONE : members;
    }

    public void add(UUID conversationId, LocalUser user) {
        synchronized (stripe(conversationId)) {
            addMember(conversationId, user);
        }
    }

    private void addMember(UUID conversationId, LocalUser user) {
        LocalUser[] members = rooms.get(conversationId);
        if (members == null) {
            heads.track(conversationId);
            rooms.put(conversationId, new LocalUser[] {user});
            Dispatcher dispatcher = dispatcher(conversationId);
            dispatcher.subscribe(Subjects.events("chat", conversationId));
            changes.incrementAndGet();
            dispatcher.subscribe(Subjects.realtime("typing", conversationId));
        } else if (indexOf(members, user) < 0) {
            LocalUser[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = user;
            rooms.put(conversationId, grown);
        }
    }

    public void remove(UUID conversationId, LocalUser user) {
        synchronized (stripe(conversationId)) {
            removeMember(conversationId, user);
        }
    }

    private void removeMember(UUID conversationId, LocalUser user) {
        LocalUser[] members = rooms.get(conversationId);
        int at = members == null ? -1 : indexOf(members, user);
        if (at < 0) {
            return;
        }
        if (members.length > 1) {
            LocalUser[] shrunk = new LocalUser[members.length - 1];
            System.arraycopy(members, 0, shrunk, 0, at);
            System.arraycopy(members, at + 1, shrunk, at, members.length - at - 1);
            rooms.put(conversationId, shrunk);
            return;
        }
        rooms.remove(conversationId);
        heads.untrack(conversationId);
        Dispatcher dispatcher = dispatcher(conversationId);
        if (dispatcher.isActive()) {
            dispatcher.unsubscribe(Subjects.events("chat", conversationId));
            dispatcher.unsubscribe(Subjects.realtime("typing", conversationId));
        }
    }

    /** Called under the user's lock, as is {@link #unwatchUser}. */
    public void watchUser(UUID userId) {
        Dispatcher dispatcher = dispatcher(userId);
        dispatcher.subscribe(Subjects.events("user", userId));
        changes.incrementAndGet();
        dispatcher.subscribe(Subjects.realtime("user", userId));
    }

    public void unwatchUser(UUID userId) {
        Dispatcher dispatcher = dispatcher(userId);
        if (!dispatcher.isActive()) {
            return; // shutting down: the connection is closed
        }
        dispatcher.unsubscribe(Subjects.events("user", userId));
        dispatcher.unsubscribe(Subjects.realtime("user", userId));
    }

    private Object stripe(UUID id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    private Dispatcher dispatcher(UUID id) {
        return dispatchers[Math.floorMod(id.hashCode(), dispatchers.length)];
    }

    private static int indexOf(LocalUser[] members, LocalUser user) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == user) {
                return i;
            }
        }
        return -1;
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
        return rooms.size();
    }
}
