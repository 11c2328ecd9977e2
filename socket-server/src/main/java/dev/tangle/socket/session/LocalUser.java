package dev.tangle.socket.session;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A user with at least one session on this instance: the sessions, the conversations they are delivered
 * (kept live by membership events), the friends who see their presence, and the user's frame rate limit.
 * {@link #lock()} serializes the first-session set-up with the last-session tear-down.
 */
public final class LocalUser {

    private final UUID id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Session> sessions = new CopyOnWriteArraySet<>();
    private final Set<UUID> conversations = ConcurrentHashMap.newKeySet();
    private final Set<UUID> friends = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Long> lastTypingNanos = new ConcurrentHashMap<>();
    private final RateLimiter rate;
    private boolean loaded;
    private volatile boolean online;
    private boolean gone;

    LocalUser(UUID id, RateLimiter rate) {
        this.id = id;
        this.rate = rate;
    }

    public UUID id() {
        return id;
    }

    public ReentrantLock lock() {
        return lock;
    }

    public Set<Session> sessions() {
        return sessions;
    }

    /** Conversations delivered to this user's sessions. */
    public Set<UUID> conversations() {
        return conversations;
    }

    /** Friends (not blocked either way) who see this user's presence and whose presence this user sees. */
    public Set<UUID> friends() {
        return friends;
    }

    /** Set-up done (memberships and friends loaded, subscriptions made); only under {@link #lock()}. */
    public boolean loaded() {
        return loaded;
    }

    public void markLoaded() {
        loaded = true;
    }

    /** Announced online by this instance (it has sessions here); changed only under {@link #lock()}. */
    public boolean online() {
        return online;
    }

    public void online(boolean online) {
        this.online = online;
    }

    boolean gone() {
        return gone;
    }

    void markGone() {
        gone = true;
    }

    /** @return false when this frame exceeds the user's rate */
    public boolean acquireFrame() {
        return rate.tryAcquire();
    }

    /** @return true if a typing signal may be sent now (at most one per interval per conversation) */
    public boolean typingAllowed(UUID conversationId, long intervalNanos) {
        long now = System.nanoTime();
        Long last = lastTypingNanos.get(conversationId);
        if (last != null && now - last < intervalNanos) {
            return false;
        }
        lastTypingNanos.put(conversationId, now);
        return true;
    }
}
