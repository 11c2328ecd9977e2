package dev.tangle.api.users;

import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;

/** Profiles: read (hidden across blocks), update, handle-prefix search. */
public final class UserService {

    /**
     * Data of {@code tangle.evt.user.<id>.updated}.
     *
     * @param userId        the user
     * @param displayName   display name after the change
     * @param bio           bio after the change
     * @param avatarMediaId avatar after the change, or null
     */
    public record ProfileUpdated(UUID userId, String displayName, String bio, UUID avatarMediaId) {
    }

    private final Database db;
    private final OutboxRelay relay;
    private final UserRepository users;

    public UserService(Database db, OutboxRelay relay, UserRepository users) {
        this.db = db;
        this.relay = relay;
        this.users = users;
    }

    public User me(UUID me) {
        return users.find(db.client().execute(), me)
                .orElseThrow(() -> Problems.unauthorized("The account no longer exists"));
    }

    /** A user as {@code viewer} sees it: 404 when either blocked the other. */
    public User get(UUID viewer, UUID id) {
        Optional<User> user = viewer.equals(id) ? users.find(db.client().execute(), id)
                : users.findVisible(db.client().execute(), viewer, id);
        return user.orElseThrow(() -> Problems.notFound("User"));
    }

    public User update(UUID me, ProfilePatch patch) {
        if (patch.isEmpty()) {
            return me(me);
        }
        User updated = db.inTransaction(tx -> {
            User user = users.update(tx, me, patch).orElseThrow(() -> Problems.unauthorized("The account no longer exists"));
            Outbox.add(tx, Event.of("api-server", "user", me, "updated",
                    new ProfileUpdated(me, user.displayName(), user.bio(), user.avatarMediaId())));
            return user;
        });
        relay.kick();
        return updated;
    }

    public Page<User> search(UUID viewer, String prefix, PageRequest page) {
        String after = page.keys(1).map(keys -> keys.getFirst()).orElse(null);
        var rows = users.searchByHandlePrefix(db.client().execute(), viewer, prefix, after, page.fetchSize());
        return Page.of(rows, page, u -> java.util.List.of(u.handle().toLowerCase(java.util.Locale.ROOT)));
    }
}
