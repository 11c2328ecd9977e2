package dev.tangle.socket;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.contract.chat.ChatContract.HistoryReply;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.json.Json;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.fanout.Heads;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.session.Delivery;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;

/**
 * Resume (ADRs 0042, 0045): the session already holds the conversations' subscriptions, so live messages are
 * buffered first; then history after each cursor is fetched from api-server page by page and delivered in seq
 * order (waiting for the writer when the queue fills), then the buffer; {@link Delivery} drops what the session
 * had. A conversation whose cursor is at or past what this instance knows of its head needs no history
 * ({@link Heads}, ADR 0158). Also fills gaps in live delivery from history.
 */
final class Resumer implements Delivery.GapFiller {

    private static final System.Logger LOG = System.getLogger(Resumer.class.getName());
    private static final int HISTORY_ATTEMPTS = 3;
    /** A missing seq usually arrives just behind the next one (another api-server published it): wait this long. */
    private static final long GAP_GRACE_MILLIS = 150;

    private final ChatClient chat;
    private final Heads heads;
    private final SocketMetrics metrics;

    Resumer(ChatClient chat, Heads heads, SocketMetrics metrics) {
        this.chat = chat;
        this.heads = heads;
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
            long cursor = cursors.get(conversationId);
            try {
                if (cursor >= heads.head(conversationId)) {
                    metrics.resumeFromHead();
                    continue;
                }
                delivered += replay(session, conversationId, cursor, Long.MAX_VALUE);
            } catch (FrameException e) {
                session.enqueue(Frames.error(frameId, e.code(), e.detail() + " (conversation " + conversationId + ")"));
            } finally {
                delivery.endResume(conversationId);
            }
        }
        metrics.resumed(delivered);
        session.enqueue(Frames.resumed(frameId, delivered, skipped));
    }

    /** One history page; an unanswered request is tried again before the resume of this conversation fails. */
    private HistoryReply page(Session session, UUID conversationId, long after) {
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

    /** A live message skipped seqs: unless they arrive within a grace period, deliver them from history. */
    @Override
    public void fill(Session session, UUID conversationId) {
        Thread.ofVirtual().name("gap-" + session.id()).start(() -> {
            Delivery delivery = session.delivery();
            try {
                Thread.sleep(GAP_GRACE_MILLIS);
                Delivery.Gap gap = delivery.fillFrom(conversationId);
                if (gap != null) {
                    metrics.gapFilled(replay(session, conversationId, gap.after(), gap.until()));
                }
            } catch (FrameException e) {
                // The session would silently miss those messages: close it so the client reconnects and resumes
                // from its last seq (4009: reconnect and resume), which fetches them from PostgreSQL again.
                LOG.log(Level.WARNING, "Session " + session.id() + ": gap in " + conversationId + " not filled ("
                        + e.getMessage() + "); closing it so the client resumes");
                session.close(Session.CLOSE_TOO_SLOW, "gap not filled; resume");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                delivery.endFill(conversationId);
            }
        });
    }

    /** Delivers history after {@code cursor} up to {@code until}; returns how many messages were new to the session. */
    private int replay(Session session, UUID conversationId, long cursor, long until) {
        Heads.Mark mark = heads.mark(conversationId);
        int delivered = 0;
        long after = cursor;
        boolean more = true;
        boolean complete = false;
        while (more && after < until && session.open()) {
            HistoryReply page = page(session, conversationId, after);
            List<Message> items = page.items();
            for (Message message : items) {
                long seq = message.seq();
                session.awaitCapacity();
                if (session.delivery().history(conversationId, seq, Frames.message("created", conversationId.toString(),
                        Json.MAPPER.valueToTree(message), 0))) {
                    delivered++;
                }
                after = Math.max(after, seq);
            }
            complete = !page.hasMore();
            more = page.hasMore() && !items.isEmpty();
        }
        if (complete) {
            heads.learnt(mark, after);
        }
        return delivered;
    }
}
