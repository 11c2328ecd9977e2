package dev.tangle.api.identity;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tangle.api.users.UserRepository;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

/**
 * The users an operator banned, known to every api-server instance: loaded at start, changed at once on the
 * instance that bans (after commit), on the others by the {@code user.banned|unbanned} events they see on NATS,
 * and reloaded every 30 s in case one was missed. {@link #guard} makes any verifier refuse a banned user's tokens,
 * so a ban ends REST access at once, not when the access token expires.
 */
public final class BannedUsers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BannedUsers.class.getName());

    private final Database db;
    private final UserRepository users;
    private final Set<UUID> banned = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("banned-users").factory());
    private final Dispatcher dispatcher;

    public BannedUsers(Database db, UserRepository users, Connection nats) {
        this.db = db;
        this.users = users;
        reload();
        this.dispatcher = nats.createDispatcher(msg -> {
            String[] parts = msg.getSubject().split("\\.");
            try {
                changed(UUID.fromString(parts[3]), parts[4].equals("banned"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Unreadable ban event on " + msg.getSubject());
            }
        });
        dispatcher.subscribe("tangle.evt.user.*.banned");
        dispatcher.subscribe("tangle.evt.user.*.unbanned");
        reloader.scheduleWithFixedDelay(this::reload, 30, 30, TimeUnit.SECONDS);
    }

    public boolean isBanned(UUID userId) {
        return banned.contains(userId);
    }

    /** After a committed ban or unban. */
    public void changed(UUID userId, boolean isBanned) {
        if (isBanned) {
            banned.add(userId);
        } else {
            banned.remove(userId);
        }
    }

    /** A verifier that also refuses the tokens of banned users (401, like any dead token). */
    public TokenVerifier guard(TokenVerifier verifier) {
        return token -> {
            Principal principal = verifier.verify(token);
            if (banned.contains(principal.userId())) {
                throw Problems.unauthorized("This account is suspended");
            }
            return principal;
        };
    }

    private void reload() {
        try {
            Set<UUID> now = users.bannedIds(db.client().execute());
            banned.retainAll(now);
            banned.addAll(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot reload banned users: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        dispatcher.unsubscribe("tangle.evt.user.*.banned");
        dispatcher.unsubscribe("tangle.evt.user.*.unbanned");
    }
}
