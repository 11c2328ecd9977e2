package dev.tangle.socket.fanout;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.nats.Subjects;
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
            dispatcher.subscribe(Subjects.realtime("typing", conversationId));
        }
        members.add(userId);
    }

    public synchronized void remove(UUID conversationId, UUID userId) {
        Set<UUID> members = localMembers.get(conversationId);
        if (members != null && members.remove(userId) && members.isEmpty()) {
            localMembers.remove(conversationId);
            dispatcher.unsubscribe(Subjects.events("chat", conversationId));
            dispatcher.unsubscribe(Subjects.realtime("typing", conversationId));
        }
    }

    public synchronized void watchUser(UUID userId) {
        dispatcher.subscribe(Subjects.events("user", userId));
        dispatcher.subscribe(Subjects.realtime("user", userId));
    }

    public synchronized void unwatchUser(UUID userId) {
        dispatcher.unsubscribe(Subjects.events("user", userId));
        dispatcher.unsubscribe(Subjects.realtime("user", userId));
    }

    /** Round trip to the server: every subscription made before is in effect afterwards. */
    public void flush() {
        try {
            nats.flush(java.time.Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new dev.tangle.socket.frames.FrameException("unavailable", null, "NATS did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Conversations with local interest, for metrics. */
    public int conversationCount() {
        return localMembers.size();
    }
}
