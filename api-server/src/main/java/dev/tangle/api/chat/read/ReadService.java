package dev.tangle.api.chat.read;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.chat.events.ChatEvents;
import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.chat.conversation.ConversationRow;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/** Read markers per member and conversation (and thread), receipts, and the setting that hides one's receipts. */
public final class ReadService {

    private final Database db;
    private final OutboxRelay relay;
    private final ConversationRepository conversations;
    private final ReadRepository reads = new ReadRepository();

    public ReadService(Database db, OutboxRelay relay, ConversationRepository conversations) {
        this.db = db;
        this.relay = relay;
        this.conversations = conversations;
    }

    /**
     * Moves the caller's marker to {@code seq} (clamped to the conversation's last seq). It never moves back unless
     * {@code force} (mark unread). A {@code read} event goes out when it moved, unless the caller hides receipts.
     */
    public void markRead(UUID me, UUID conversationId, long seq, boolean force, UUID threadRootId) {
        boolean moved = db.inTransaction(tx -> {
            ConversationRow row = visible(tx, conversationId, me);
            long target = Math.min(seq, row.lastSeq());
            boolean changed;
            if (threadRootId != null) {
                requireThreadRoot(tx, conversationId, threadRootId);
                changed = reads.markThread(tx, threadRootId, me, target, force);
            } else {
                changed = reads.markConversation(tx, conversationId, me, target, force);
            }
            if (changed && !reads.hidesReceipts(tx, me)) {
                ChatEvents.read(tx, conversationId, me, target, threadRootId);
                return true;
            }
            return false;
        });
        if (moved) {
            relay.kick();
        }
    }

    public List<Receipt> receipts(UUID me, UUID conversationId) {
        DbExecute read = db.client().execute();
        return reads.receipts(read, visible(read, conversationId, me), me);
    }

    public Map<String, Object> settings(UUID me) {
        return Map.of("hideReadReceipts", reads.hidesReceipts(db.client().execute(), me));
    }

    public Map<String, Object> hideReceipts(UUID me, boolean hide) {
        db.inTransaction(tx -> {
            reads.hideReceipts(tx, me, hide);
            return null;
        });
        return settings(me);
    }

    private ConversationRow visible(DbExecute db, UUID id, UUID me) {
        return conversations.findVisible(db, id, me).orElseThrow(() -> Problems.notFound("Conversation"));
    }

    private static void requireThreadRoot(DbExecute tx, UUID conversationId, UUID rootId) {
        if (!ReadRepository.isThreadRoot(tx, conversationId, rootId)) {
            throw Problems.validation("threadRootId", "no such top-level message in this conversation");
        }
    }
}
