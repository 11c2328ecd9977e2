package dev.tangle.api.community.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import io.helidon.dbclient.DbExecute;

/**
 * Writes the community's events to the outbox, inside the caller's transaction. Shapes are documented in
 * docs/events.md, "Community".
 */
public final class CommunityEvents {

    private static final String SOURCE = "api-server";

    private CommunityEvents() {
    }


    /** {@code tangle.evt.post.<postId>.comment.created|comment.updated|comment.deleted}. */
    public static void comment(DbExecute tx, UUID postId, UUID commentId, UUID parentId, UUID authorId, String event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postId", postId);
        data.put("commentId", commentId);
        data.put("parentId", parentId);
        data.put("authorId", authorId);
        Outbox.add(tx, Event.of(SOURCE, "post", postId, "comment." + event, data));
    }

    /** {@code tangle.evt.post.<postId>.reaction.added|reaction.removed}; commentId null for the post itself. */
    public static void reaction(DbExecute tx, UUID postId, UUID commentId, UUID userId, String emoji, String event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postId", postId);
        data.put("commentId", commentId);
        data.put("userId", userId);
        data.put("emoji", emoji);
        Outbox.add(tx, Event.of(SOURCE, "post", postId, "reaction." + event, data));
    }

    /**
     * {@code tangle.evt.user.<recipient>.notification} with {@code {kind, ...fields, byUserId}} — never to the
     * actor themself, never between users who block each other.
     */
    public static void notify(DbExecute tx, SocialGraph graph, UUID recipient, UUID byUserId, String kind,
                              Map<String, Object> fields) {
        if (recipient.equals(byUserId) || graph.blockedEitherWay(tx, recipient, byUserId)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.putAll(fields);
        data.put("byUserId", byUserId);
        Outbox.add(tx, Event.of(SOURCE, "user", recipient, "notification", data));
    }
}
