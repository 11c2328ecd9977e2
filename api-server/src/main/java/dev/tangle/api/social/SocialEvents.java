package dev.tangle.api.social;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import io.helidon.dbclient.DbExecute;

/** The social-graph events of docs/events.md, written to the outbox of the caller's transaction. */
final class SocialEvents {

    private SocialEvents() {
    }

    /** {@code tangle.evt.user.<userId>.<event>}. */
    static void toUser(DbExecute tx, UUID userId, String event, Map<String, Object> data) {
        Outbox.add(tx, Event.of("api-server", "user", userId, event, data));
    }

    /** {@code tangle.evt.user.<userId>.notification} with {@code {kind, ...}}. */
    static void notify(DbExecute tx, UUID userId, String kind, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.putAll(fields);
        toUser(tx, userId, "notification", data);
    }

    /** {@code friend.added} to both users. */
    static void friendAdded(DbExecute tx, UUID a, UUID b) {
        toUser(tx, a, "friend.added", Map.of("userId", a, "friendId", b));
        toUser(tx, b, "friend.added", Map.of("userId", b, "friendId", a));
    }

    /** {@code friend.removed} to both users. */
    static void friendRemoved(DbExecute tx, UUID a, UUID b) {
        toUser(tx, a, "friend.removed", Map.of("userId", a, "friendId", b));
        toUser(tx, b, "friend.removed", Map.of("userId", b, "friendId", a));
    }
}
