package dev.tangle.api.chat.read;

import java.util.List;
import java.util.UUID;

import dev.tangle.api.chat.conversation.ConversationKind;
import dev.tangle.api.chat.conversation.ConversationRow;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL for read markers ({@code conversation_members.read_seq}, {@code thread_reads}) and the receipts setting. */
final class ReadRepository {

    /** Moves the conversation marker (forward only unless {@code force}); true if it moved. */
    boolean markConversation(DbExecute tx, UUID conversationId, UUID userId, long seq, boolean force) {
        return tx.createInsert("INSERT INTO conversation_members (conversation_id, user_id, read_seq, read_at) "
                               + "VALUES (?, ?, ?, now()) ON CONFLICT (conversation_id, user_id) DO UPDATE "
                               + "SET read_seq = excluded.read_seq, read_at = excluded.read_at WHERE "
                               + (force ? "conversation_members.read_seq <> excluded.read_seq"
                                        : "conversation_members.read_seq < excluded.read_seq"))
                .addParam(conversationId).addParam(userId).addParam(seq).execute() == 1;
    }

    /** Moves a thread marker (forward only unless {@code force}); true if it moved. */
    boolean markThread(DbExecute tx, UUID rootId, UUID userId, long seq, boolean force) {
        return tx.createInsert("INSERT INTO thread_reads (thread_root_id, user_id, read_seq, read_at) VALUES (?, ?, ?, now()) "
                               + "ON CONFLICT (thread_root_id, user_id) DO UPDATE "
                               + "SET read_seq = excluded.read_seq, read_at = excluded.read_at WHERE "
                               + (force ? "thread_reads.read_seq <> excluded.read_seq" : "thread_reads.read_seq < excluded.read_seq"))
                .addParam(rootId).addParam(userId).addParam(seq).execute() == 1;
    }

    /** Markers of current members who show their receipts, plus the viewer's own. */
    List<Receipt> receipts(DbExecute db, ConversationRow conversation, UUID viewer) {
        String live = conversation.kind() == ConversationKind.CHANNEL
                ? " AND EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = ? AND g.user_id = r.user_id)" : "";
        var query = db.createQuery("SELECT r.user_id, r.read_seq, r.read_at FROM conversation_members r "
                                   + "JOIN users u ON u.id = r.user_id WHERE r.conversation_id = ? AND r.read_seq > 0 "
                                   + "AND (NOT u.hide_read_receipts OR u.id = ?)" + live + " ORDER BY r.read_seq DESC, r.user_id")
                .addParam(conversation.id()).addParam(viewer);
        if (!live.isEmpty()) {
            query.addParam(conversation.groupId());
        }
        return query.execute().map(r -> new Receipt(Rows.uuid(r, "user_id"), Rows.longValue(r, "read_seq"),
                Rows.instant(r, "read_at"))).toList();
    }

    boolean hidesReceipts(DbExecute db, UUID userId) {
        return db.createGet("SELECT hide_read_receipts FROM users WHERE id = ?").addParam(userId).execute()
                .map(r -> Rows.bool(r, "hide_read_receipts")).orElse(false);
    }

    void hideReceipts(DbExecute tx, UUID userId, boolean hide) {
        tx.createUpdate("UPDATE users SET hide_read_receipts = ? WHERE id = ?").addParam(hide).addParam(userId).execute();
    }

    /** Whether the message exists in the conversation and is a top-level one (may root a thread). */
    static boolean isThreadRoot(DbExecute tx, UUID conversationId, UUID messageId) {
        return tx.createGet("SELECT thread_root_id FROM messages WHERE id = ? AND conversation_id = ?")
                .addParam(messageId).addParam(conversationId).execute()
                .map(r -> Rows.uuid(r, "thread_root_id") == null).orElse(false);
    }
}
