package dev.tangle.api.community.post;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import io.helidon.dbclient.DbExecute;

/** The post's own events (docs/events.md, Community), written to the outbox of the caller's transaction. */
final class PostEvents {

    private PostEvents() {
    }

    /** {@code tangle.evt.post.<postId>.created|updated|deleted} with what the geo-service needs. */
    static void post(DbExecute tx, StoredPost p, String event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postId", p.id());
        data.put("authorId", p.authorId());
        data.put("visibility", p.visibility().wire());
        data.put("groupId", p.groupId());
        data.put("createdAt", p.createdAt());
        data.put("editedAt", p.editedAt());
        data.put("location", p.location());
        data.put("mediaIds", p.mediaIds());
        if (!"deleted".equals(event)) {
            data.put("text", p.text());
            data.put("format", p.format());
        }
        Outbox.add(tx, Event.of("api-server", "post", p.id(), event, data));
    }
}
