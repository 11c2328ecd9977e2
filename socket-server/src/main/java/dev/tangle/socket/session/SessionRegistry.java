package dev.tangle.socket.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.websocket.WsSession;

/** The sessions of this instance, grouped by user. */
public final class SessionRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WsSettings limits;
    private final ConcurrentHashMap<UUID, LocalUser> users = new ConcurrentHashMap<>();
    private final Set<Session> all = ConcurrentHashMap.newKeySet();

    public SessionRegistry(WsSettings limits) {
        this.limits = limits;
    }

    Session create(UUID userId, Instant tokenExpiresAt, WsSession ws, Session.SessionEvents events) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), userId,
                tokenExpiresAt, ws, limits, events);
        all.add(session);
        return session;
    }

    /** Adds a session to its user; the returned user may still need loading (check under its lock). */
    public LocalUser attach(Session session) {
        while (true) {
            LocalUser user = users.computeIfAbsent(session.userId(),
                    id -> new LocalUser(id, new RateLimiter(limits.rateBurst(), limits.ratePerSecond())));
            user.lock().lock();
            try {
                if (!user.gone()) {
                    user.addSession(session);
                    return user;
                }
            } finally {
                user.lock().unlock();
            }
        }
    }

    /**
     * Removes a session from its user; call under the user's lock.
     *
     * @return true if it was the user's last session here (the user stays, see {@link #retire})
     */
    public boolean detach(LocalUser user, Session session) {
        user.removeSession(session);
        return !user.hasSessions();
    }

    /**
     * Forgets a user that has no session here (call under its lock): a later session of the user starts afresh.
     *
     * @return false if a session came back meanwhile (the user stays)
     */
    public boolean retire(LocalUser user) {
        if (user.hasSessions() || user.gone()) {
            return false;
        }
        user.markGone();
        users.remove(user.id(), user);
        return true;
    }

    public Optional<LocalUser> user(UUID userId) {
        return Optional.ofNullable(users.get(userId));
    }

    public Collection<LocalUser> users() {
        return users.values();
    }

    /** Every session Helidon has not finished with, including closing ones. */
    public Collection<Session> all() {
        return all;
    }

    void forget(Session session) {
        all.remove(session);
    }

    /** Sessions that take frames. */
    public int openCount() {
        int n = 0;
        for (Session s : all) {
            if (s.open()) {
                n++;
            }
        }
        return n;
    }
}
