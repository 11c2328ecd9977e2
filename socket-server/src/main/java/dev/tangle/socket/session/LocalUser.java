package dev.tangle.socket.session;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A user with at least one session on this instance: the sessions, the conversations they are delivered
 * (kept live by membership events), the friends who see their presence, and the user's frame rate limit.
 * {@link #lock()} serializes the first-session set-up with the last-session tear-down.
 */
public final class LocalUser {

    private final UUID id;
    private final ReentrantLock lock = new ReentrantLock();
    private static final Session[] NO_SESSIONS = new Session[0];

    /**
     * Copied on change (a connect or a close), read on every delivery: an array in the user itself, so fanning out
     * to the user reads one object fewer than a copy-on-write set's two (ADR 0142).
     */
    private volatile Session[] sessions = NO_SESSIONS;
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

    /** The user's sessions here; do not modify the array. */
    public Session[] sessions() {
        return sessions;
    }

    public void forEachSession(Consumer<? super Session> action) {
        for (Session session : sessions) {
            action.accept(session);
        }
    }

    boolean hasSessions() {
        return sessions.length > 0;
    }

    synchronized void addSession(Session session) {
        Session[] now = sessions;
        for (Session s : now) {
            if (s == session) {
                return;
            }
        }
        Session[] grown = Arrays.copyOf(now, now.length + 1);
        grown[now.length] = session;
        sessions = grown;
    }

    synchronized void removeSession(Session session) {
        Session[] now = sessions;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == session) {
                Session[] shrunk = new Session[now.length - 1];
                System.arraycopy(now, 0, shrunk, 0, i);
                System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                sessions = shrunk.length == 0 ? NO_SESSIONS : shrunk;
                return;
            }
        }
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
