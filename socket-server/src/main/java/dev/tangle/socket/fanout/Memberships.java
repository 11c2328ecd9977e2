package dev.tangle.socket.fanout;

import java.util.Collection;
import java.util.UUID;

import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import dev.tangle.socket.session.SessionRegistry;

/** Which conversations each local user is delivered, kept in step with this instance's NATS interest. */
public final class Memberships {

    private final SessionRegistry registry;
    private final Interest interest;

    public Memberships(SessionRegistry registry, Interest interest) {
        this.registry = registry;
        this.interest = interest;
    }

    /** First session of a user: subscribe to the user's own subjects and to every conversation of theirs. */
    public void load(LocalUser user, Collection<UUID> conversationIds) {
        interest.watchUser(user.id());
        for (UUID id : conversationIds) {
            user.conversations().add(id);
            interest.add(id, user);
        }
    }

    /** Waits until NATS has every subscription made so far. */
    public void flush() {
        interest.flush();
    }

    /** Last session of a user is gone. */
    public void drop(LocalUser user) {
        interest.unwatchUser(user.id());
        for (UUID id : user.conversations()) {
            interest.remove(id, user);
        }
        user.conversations().clear();
    }

    /** A local user became a member: deliver the conversation from now on. */
    public void join(UUID userId, UUID conversationId) {
        registry.user(userId).ifPresent(user -> {
            if (user.conversations().add(conversationId)) {
                interest.add(conversationId, user);
            }
        });
    }

    /** A local user stopped being a member: stop at once. */
    public void leave(UUID userId, UUID conversationId) {
        registry.user(userId).ifPresent(user -> {
            if (user.conversations().remove(conversationId)) {
                interest.remove(conversationId, user);
            }
            for (Session session : user.sessions()) {
                session.delivery().forget(conversationId);
            }
        });
    }
}
