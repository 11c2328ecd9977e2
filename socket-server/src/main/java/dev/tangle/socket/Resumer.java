package dev.tangle.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.session.Delivery;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;

/**
 * Resume (ADR 0042): the session already holds the conversations' subscriptions, so live messages are
 * buffered first; then history after each cursor is fetched from api-server page by page and delivered in seq
 * order (waiting for the writer when the queue fills), then the buffer; {@link Delivery} drops duplicates.
 */
final class Resumer {

    private static final int HISTORY_ATTEMPTS = 3;

    private final ChatClient chat;
    private final SocketMetrics metrics;

    Resumer(ChatClient chat, SocketMetrics metrics) {
        this.chat = chat;
        this.metrics = metrics;
    }

    void resume(Session session, LocalUser user, String frameId, Map<UUID, Long> cursors) {
        Delivery delivery = session.delivery();
        List<UUID> resumed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        cursors.forEach((conversationId, cursor) -> {
            if (user.conversations().contains(conversationId)) {
                delivery.beginResume(conversationId, cursor);
                resumed.add(conversationId);
            } else {
                skipped.add(conversationId.toString());
            }
        });
        delivery.endHold();
        int delivered = 0;
        for (UUID conversationId : resumed) {
            try {
                delivered += replay(session, conversationId, cursors.get(conversationId));
            } catch (FrameException e) {
                session.enqueue(Frames.error(frameId, e.code(), e.getMessage() + " (conversation " + conversationId + ")"));
            } finally {
                delivery.endResume(conversationId);
            }
        }
        metrics.resumed(delivered);
        var frame = Frames.object("resumed").put("delivered", delivered);
        if (frameId != null) {
            frame.put("id", frameId);
        }
        var array = frame.putArray("skipped");
        skipped.forEach(array::add);
        session.enqueue(Frames.of(frame));
    }

    /** One history page; an unanswered request is tried again before the resume of this conversation fails. */
    private JsonNode page(Session session, UUID conversationId, long after) {
        for (int attempt = 1; ; attempt++) {
            try {
                return chat.history(session.userId(), conversationId, after);
            } catch (FrameException e) {
                if (!"unavailable".equals(e.code()) || attempt == HISTORY_ATTEMPTS || !session.open()) {
                    throw e;
                }
            }
        }
    }

    private int replay(Session session, UUID conversationId, long cursor) {
        int delivered = 0;
        long after = cursor;
        boolean more = true;
        while (more && session.open()) {
            JsonNode page = page(session, conversationId, after);
            JsonNode items = page.path("items");
            for (JsonNode message : items) {
                long seq = message.path("seq").asLong();
                session.awaitCapacity();
                if (session.delivery().history(conversationId, seq, Frames.message("created", conversationId.toString(), message, 0))) {
                    delivered++;
                }
                after = Math.max(after, seq);
            }
            more = page.path("hasMore").asBoolean(false) && !items.isEmpty();
        }
        return delivered;
    }
}
