package dev.tangle.api.social;

import java.util.UUID;

import dev.tangle.common.contract.social.SocialEventData.FriendEdge;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import io.helidon.dbclient.DbExecute;

/** The social-graph events of docs/events.md, written to the outbox of the caller's transaction. */
final class SocialEvents {

    private SocialEvents() {
    }

    /** {@code tangle.evt.user.<userId>.<event>}. */
    static void toUser(DbExecute tx, UUID userId, String event, Object data) {
        Outbox.add(tx, Event.of("api-server", "user", userId, event, data));
    }

    /** {@code tangle.evt.user.<userId>.notification} with {@code {kind, ...}}. */
    static void notify(DbExecute tx, UUID userId, Object notification) {
        toUser(tx, userId, "notification", notification);
    }

    /** {@code friend.added} to both users. */
    static void friendAdded(DbExecute tx, UUID a, UUID b) {
        toUser(tx, a, "friend.added", new FriendEdge(a, b));
        toUser(tx, b, "friend.added", new FriendEdge(b, a));
    }

    /** {@code friend.removed} to both users. */
    static void friendRemoved(DbExecute tx, UUID a, UUID b) {
        toUser(tx, a, "friend.removed", new FriendEdge(a, b));
        toUser(tx, b, "friend.removed", new FriendEdge(b, a));
    }
}
