package dev.tangle.api.chat.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.chat.Reactions;
import dev.tangle.common.db.Rows;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code messages}, {@code message_edits} and {@code message_reactions}. */
public final class MessageRepository {

    static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.client_msg_id, m.text, m.format, "
            + "m.reply_to_id, m.quote_of_id, m.forward_message_id, m.forward_conversation_id, m.forward_sender_id, "
            + "m.forward_text, m.thread_root_id, m.thread_reply_count, m.last_thread_reply_at, "
            + "array_to_string(m.media_ids, ',') AS media_ids, array_to_string(m.mentions, ',') AS mentions, "
            + "m.position_x, m.position_y, m.created_at, m.edited_at, m.deleted_at";
    /** Stands for a message's seq in an event payload until the statement that takes the seqs puts it in. */
    static final long SEQ_PENDING = Long.MIN_VALUE;
    /**
     * The whole of a send batch in one statement (ADR 0126): for every send, in the order given, whether it may be
     * written — the conversation exists and the sender may write in it (group members for a channel), no earlier
     * message has its {@code (sender, clientMsgId)}, the conversation is not a blocked direct one, the canvas
     * position rule holds, the caller found its references valid ({@code problem} null) and it is the first send of
     * its key in the batch — then {@code last_seq += n} of each conversation under its row lock (rows locked in id
     * order, so two batches cannot deadlock), the messages with {@code seq = base + ord}, their outbox rows (payload
     * = {@code head || seq || tail}, published by the writer itself, so the relay waits before taking them) and the
     * thread roots' reply counts. Returns one row per send: its status and, if written, its seq. Checks read the
     * statement's snapshot; a concurrent send of the same key commits first and this one fails on the unique key,
     * and the writer retries the batch.
     */
    private static final String SEND = "WITH t AS (SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], "
            + "  ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::uuid[], "
            + "  ?::text[], ?::text[], ?::float8[], ?::float8[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "  WITH ORDINALITY AS t(id, conversation_id, sender_id, client_msg_id, text, format, reply_to_id, "
            + "  quote_of_id, forward_message_id, forward_conversation_id, forward_sender_id, forward_text, "
            + "  thread_root_id, media_ids, mentions, position_x, position_y, event_id, subject, head, tail, problem, i)), "
            + "v AS (SELECT t.i, t.sender_id, t.client_msg_id, CASE "
            + "  WHEN c.id IS NULL OR NOT CASE WHEN c.kind = 'channel' "
            + "    THEN EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = c.group_id AND g.user_id = t.sender_id) "
            + "    ELSE EXISTS (SELECT 1 FROM conversation_members cm WHERE cm.conversation_id = c.id "
            + "      AND cm.user_id = t.sender_id) END THEN 'not_found' "
            + "  WHEN EXISTS (SELECT 1 FROM messages e WHERE e.sender_id = t.sender_id "
            + "    AND e.client_msg_id = t.client_msg_id) THEN 'exists' "
            + "  WHEN c.kind = 'direct' AND EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = c.direct_low "
            + "    AND b.blocked_id = c.direct_high) OR (b.blocker_id = c.direct_high AND b.blocked_id = c.direct_low)) "
            + "    THEN 'blocked' "
            + "  WHEN c.kind = 'canvas' AND t.position_x IS NULL AND t.thread_root_id IS NULL THEN 'position_required' "
            + "  WHEN c.kind <> 'canvas' AND t.position_x IS NOT NULL THEN 'position_forbidden' "
            + "  WHEN t.problem IS NOT NULL THEN t.problem ELSE 'ok' END AS status "
            + "  FROM t LEFT JOIN conversations c ON c.id = t.conversation_id), "
            + "w AS (SELECT v.i, CASE WHEN v.status NOT IN ('not_found', 'exists') AND row_number() OVER (PARTITION BY "
            + "  v.sender_id, v.client_msg_id, v.status IN ('not_found', 'exists') ORDER BY v.i) > 1 THEN 'repeat' "
            + "  ELSE v.status END AS status FROM v), "
            + "r AS (SELECT t.*, row_number() OVER (PARTITION BY t.conversation_id ORDER BY t.i) AS ord "
            + "  FROM t JOIN w ON w.i = t.i AND w.status = 'ok'), "
            + "d AS (SELECT r.conversation_id AS id, count(*)::int AS n FROM r GROUP BY r.conversation_id), "
            + "l AS (SELECT c.id FROM conversations c JOIN d ON d.id = c.id ORDER BY c.id FOR UPDATE OF c), "
            + "a AS (UPDATE conversations c SET last_seq = c.last_seq + d.n, last_activity_at = greatest(c.last_activity_at, ?) "
            + "  FROM d, l WHERE c.id = d.id AND l.id = d.id RETURNING c.id, c.last_seq - d.n AS base), "
            + "s AS (SELECT r.*, a.base + r.ord AS seq FROM r JOIN a ON a.id = r.conversation_id), "
            + "m AS (INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, text, format, reply_to_id, "
            + "  quote_of_id, forward_message_id, forward_conversation_id, forward_sender_id, forward_text, thread_root_id, "
            + "  media_ids, mentions, position_x, position_y, created_at) "
            + "  SELECT s.id, s.conversation_id, s.seq, s.sender_id, s.client_msg_id, s.text, s.format, s.reply_to_id, "
            + "  s.quote_of_id, s.forward_message_id, s.forward_conversation_id, s.forward_sender_id, s.forward_text, "
            + "  s.thread_root_id, s.media_ids::uuid[], s.mentions::uuid[], s.position_x, s.position_y, ? FROM s), "
            + "o AS (INSERT INTO outbox (id, subject, payload, relay_after) SELECT s.event_id, s.subject, "
            + "  convert_to(s.head || s.seq || s.tail, 'UTF8'), " + OutboxRelay.DIRECT_RELAY_AFTER + " FROM s), "
            + "h AS (UPDATE messages x SET thread_reply_count = x.thread_reply_count + y.n, last_thread_reply_at = ? "
            + "  FROM (SELECT s.thread_root_id, count(*)::int AS n FROM s WHERE s.thread_root_id IS NOT NULL "
            + "  GROUP BY s.thread_root_id) y WHERE x.id = y.thread_root_id) "
            + "SELECT w.i, w.status, s.seq FROM w LEFT JOIN s ON s.i = w.i ORDER BY w.i";
    private static final String BY_KEYS = "SELECT " + COLUMNS + " FROM messages m "
            + "JOIN unnest(?::uuid[], ?::text[]) AS k(sender_id, client_msg_id) "
            + "ON m.sender_id = k.sender_id AND m.client_msg_id = k.client_msg_id";

    /**
     * One edit of a message's history.
     *
     * @param version      1 for the first edit
     * @param previousText the text before this edit
     * @param editedAt     when the edit was made
     */
    public record Edit(int version, String previousText, Instant editedAt) {
    }

    /**
     * One send of a batch as {@link #SEND} takes it: the message (its seq ignored), its {@code message.created}
     * payload split around the seq, and the problem the caller found with its references (a status, or null).
     *
     * @param message the message to write
     * @param eventId the event's id
     * @param subject the event's NATS subject
     * @param head    the payload before the seq
     * @param tail    the payload after the seq
     * @param problem a reference problem, or null
     */
    record Draft(Message message, UUID eventId, String subject, String head, String tail, String problem) {
    }

    /**
     * What {@link #SEND} did with one send.
     *
     * @param status {@code ok}, {@code not_found}, {@code exists}, {@code repeat}, {@code blocked},
     *               {@code position_required}, {@code position_forbidden} or the draft's problem
     * @param seq    the message's seq when written, else null
     */
    record Written(String status, Long seq) {
    }

    /** Writes a batch with {@link #SEND}; one outcome per draft, in order. */
    List<Written> send(DbExecute tx, List<Draft> drafts, Instant now) {
        List<List<Object>> columns = new ArrayList<>();
        for (int c = 0; c < 22; c++) {
            columns.add(new ArrayList<>(drafts.size()));
        }
        for (Draft d : drafts) {
            Message m = d.message();
            Message.Forward f = m.forward();
            Object[] row = {m.id(), m.conversationId(), m.senderId(), m.clientMsgId(), m.text(), m.format(),
                m.replyToId(), m.quoteOfId(), f == null ? null : f.messageId(), f == null ? null : f.conversationId(),
                f == null ? null : f.senderId(), f == null ? null : f.text(), m.threadRootId(),
                Rows.uuidArray(m.mediaIds()), Rows.uuidArray(m.mentions()),
                m.position() == null ? null : m.position().x(), m.position() == null ? null : m.position().y(),
                d.eventId(), d.subject(), d.head(), d.tail(), d.problem()};
            for (int c = 0; c < row.length; c++) {
                columns.get(c).add(row[c]);
            }
        }
        var statement = tx.createNamedQuery("chat-send", SEND); // named: DbClient would hash the text per call
        columns.forEach(column -> statement.addParam(Rows.array(column)));
        statement.addParam(Rows.ts(now)).addParam(Rows.ts(now)).addParam(Rows.ts(now));
        List<Written> written = new ArrayList<>(drafts.size());
        try (Stream<DbRow> rows = statement.execute()) {
            rows.forEach(r -> written.add(new Written(Rows.string(r, "status"),
                    Rows.raw(r, "seq") == null ? null : Rows.longValue(r, "seq"))));
        }
        if (written.size() != drafts.size()) {
            throw new IllegalStateException("send statement answered " + written.size() + " of " + drafts.size());
        }
        return written;
    }

    /** Messages already sent under any of the given {@code (sender, clientMsgId)} keys. */
    public List<Message> findByKeys(DbExecute db, List<SendCommand> sends) {
        return db.createQuery(BY_KEYS)
                .addParam(Rows.array(sends.stream().map(SendCommand::senderId).toList()))
                .addParam(Rows.array(sends.stream().map(SendCommand::clientMsgId).toList()))
                .execute().map(MessageRepository::message).toList();
    }

    public List<Message> findByIds(DbExecute db, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.createQuery("SELECT " + COLUMNS + " FROM messages m WHERE m.id = ANY(?::uuid[])")
                .addParam(Rows.uuidArray(ids)).execute().map(MessageRepository::message).toList();
    }

    public Optional<Message> find(DbExecute db, UUID conversationId, UUID id, boolean forUpdate) {
        return db.createGet("SELECT " + COLUMNS + " FROM messages m WHERE m.id = ? AND m.conversation_id = ?"
                            + (forUpdate ? " FOR UPDATE" : ""))
                .addParam(id).addParam(conversationId).execute().map(MessageRepository::message);
    }

    /** The newest message of each conversation, by its {@code last_seq}. */
    public Map<UUID, Message> lastMessages(DbExecute db, Map<UUID, Long> lastSeqByConversation) {
        if (lastSeqByConversation.isEmpty()) {
            return Map.of();
        }
        List<UUID> ids = new ArrayList<>(lastSeqByConversation.keySet());
        var query = db.createQuery("SELECT " + COLUMNS + " FROM messages m JOIN conversations c "
                                   + "ON c.id = m.conversation_id AND m.seq = c.last_seq WHERE c.id = ANY(?::uuid[])")
                .addParam(Rows.uuidArray(ids));
        Map<UUID, Message> byConversation = new HashMap<>();
        query.execute().map(MessageRepository::message).forEach(m -> byConversation.put(m.conversationId(), m));
        return byConversation;
    }

    /**
     * A window of a conversation (or of one thread) in ascending seq: after {@code afterSeq} going forward, or
     * before {@code beforeSeq} going back; {@code limit + 1} rows are read to know whether there are more.
     */
    public List<Message> window(DbExecute db, UUID conversationId, UUID threadRootId, Long afterSeq, Long beforeSeq,
                                int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages m WHERE m.conversation_id = ?");
        List<Object> params = new ArrayList<>(List.of(conversationId));
        if (threadRootId != null) {
            sql.append(" AND m.thread_root_id = ?");
            params.add(threadRootId);
        }
        if (afterSeq != null) {
            sql.append(" AND m.seq > ?");
            params.add(afterSeq);
        }
        if (beforeSeq != null) {
            sql.append(" AND m.seq < ?");
            params.add(beforeSeq);
        }
        boolean forward = afterSeq != null;
        sql.append(forward ? " ORDER BY m.seq ASC" : " ORDER BY m.seq DESC").append(" LIMIT ").append(fetch);
        var query = db.createQuery(sql.toString());
        params.forEach(query::addParam);
        List<Message> rows = new ArrayList<>(query.execute().map(MessageRepository::message).toList());
        if (!forward) {
            java.util.Collections.reverse(rows);
        }
        return rows;
    }

    /** Reaction counts (in first-use order) and the viewer's own, per message; viewer null for events. */
    public Map<UUID, Reactions> reactions(DbExecute db, Collection<UUID> messageIds, UUID viewer) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        Map<UUID, List<String>> mine = new HashMap<>();
        db.createQuery("SELECT message_id, emoji, count(*) AS n, bool_or(user_id = ?) AS mine FROM message_reactions "
                       + "WHERE message_id = ANY(?::uuid[]) GROUP BY message_id, emoji ORDER BY message_id, min(created_at)")
                .addParam(viewer == null ? new UUID(0, 0) : viewer).addParam(Rows.uuidArray(messageIds))
                .execute().forEach(r -> {
                    UUID id = Rows.uuid(r, "message_id");
                    String emoji = Rows.string(r, "emoji");
                    counts.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(emoji, Rows.longValue(r, "n"));
                    if (Rows.bool(r, "mine")) {
                        mine.computeIfAbsent(id, k -> new ArrayList<>()).add(emoji);
                    }
                });
        Map<UUID, Reactions> result = new HashMap<>();
        for (UUID id : messageIds) {
            result.put(id, new Reactions(counts.getOrDefault(id, Map.of()),
                    viewer == null ? null : mine.getOrDefault(id, List.of())));
        }
        return result;
    }

    public boolean addReaction(DbExecute tx, UUID messageId, UUID userId, String emoji) {
        return tx.createInsert("INSERT INTO message_reactions (message_id, user_id, emoji) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .addParam(messageId).addParam(userId).addParam(emoji).execute() == 1;
    }

    public boolean removeReaction(DbExecute tx, UUID messageId, UUID userId, String emoji) {
        return tx.createDelete("DELETE FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?")
                .addParam(messageId).addParam(userId).addParam(emoji).execute() == 1;
    }

    /** Keeps the previous text as the next version of the history and sets the new text. */
    public void edit(DbExecute tx, Message message, String text, Instant at) {
        tx.createInsert("INSERT INTO message_edits (message_id, version, previous_text, edited_at) "
                        + "SELECT ?, coalesce(max(version), 0) + 1, ?, ? FROM message_edits WHERE message_id = ?")
                .addParam(message.id()).addParam(message.text()).addParam(Rows.ts(at)).addParam(message.id()).execute();
        tx.createUpdate("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?")
                .addParam(text).addParam(Rows.ts(at)).addParam(message.id()).execute();
    }

    public List<Edit> edits(DbExecute db, UUID messageId) {
        return db.createQuery("SELECT version, previous_text, edited_at FROM message_edits WHERE message_id = ? ORDER BY version")
                .addParam(messageId).execute()
                .map(r -> new Edit(Rows.intValue(r, "version"), Rows.string(r, "previous_text"), Rows.instant(r, "edited_at")))
                .toList();
    }

    /** Turns a message into a tombstone: content, history and reactions go; id, seq and thread links stay. */
    public void tombstone(DbExecute tx, UUID messageId, Instant at) {
        tx.createUpdate("UPDATE messages SET text = '', media_ids = '{}', mentions = '{}', forward_message_id = NULL, "
                        + "forward_conversation_id = NULL, forward_sender_id = NULL, forward_text = NULL, deleted_at = ? WHERE id = ?")
                .addParam(Rows.ts(at)).addParam(messageId).execute();
        tx.createDelete("DELETE FROM message_edits WHERE message_id = ?").addParam(messageId).execute();
        tx.createDelete("DELETE FROM message_reactions WHERE message_id = ?").addParam(messageId).execute();
    }

    /** Counts new replies on a thread root. */
    public void threadReplied(DbExecute tx, UUID rootId, int replies, Instant at) {
        tx.createUpdate("UPDATE messages SET thread_reply_count = thread_reply_count + ?, last_thread_reply_at = ? WHERE id = ?")
                .addParam(replies).addParam(Rows.ts(at)).addParam(rootId).execute();
    }

    static Message message(DbRow r) {
        UUID forwardId = Rows.uuid(r, "forward_message_id");
        Double x = Rows.optionalDouble(r, "position_x");
        boolean deleted = Rows.raw(r, "deleted_at") != null;
        return new Message(Rows.uuid(r, "id"), Rows.uuid(r, "conversation_id"), Rows.longValue(r, "seq"),
                Rows.uuid(r, "sender_id"), Rows.string(r, "client_msg_id"), Rows.string(r, "text"),
                Rows.string(r, "format"), Rows.uuid(r, "reply_to_id"), Rows.uuid(r, "quote_of_id"),
                forwardId == null ? null : new Message.Forward(forwardId, Rows.uuid(r, "forward_conversation_id"),
                        Rows.uuid(r, "forward_sender_id"), Rows.string(r, "forward_text")),
                Rows.uuid(r, "thread_root_id"), Rows.intValue(r, "thread_reply_count"),
                Rows.instant(r, "last_thread_reply_at"), ConversationRepository.idList(Rows.string(r, "media_ids")),
                ConversationRepository.idList(Rows.string(r, "mentions")),
                x == null ? null : new Message.Position(x, Rows.optionalDouble(r, "position_y")),
                Rows.instant(r, "created_at"), Rows.instant(r, "edited_at"), deleted, Reactions.NONE);
    }

    /** The conversation of a message, for operators who name a message by id alone. */
    public Optional<UUID> conversationOf(DbExecute db, UUID messageId) {
        return db.createGet("SELECT conversation_id FROM messages WHERE id = ?").addParam(messageId).execute()
                .map(r -> Rows.uuid(r, "conversation_id"));
    }
}
