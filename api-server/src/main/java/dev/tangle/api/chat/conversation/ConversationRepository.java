package dev.tangle.api.chat.conversation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code conversations} and {@code conversation_members}. */
public final class ConversationRepository {

    /**
     * True when the user bound to both {@code ?} may see conversation {@code c}: a channel's members are its
     * group's members (live), every other kind's are its {@code conversation_members}.
     */
    public static final String VISIBLE = "(CASE WHEN c.kind = 'channel' "
            + "THEN EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = c.group_id AND g.user_id = ?) "
            + "ELSE EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.user_id = ?) END)";

    /** Ids of every conversation the user bound to both {@code ?} belongs to. */
    static final String MINE = "SELECT m.conversation_id AS id FROM conversation_members m "
            + "JOIN conversations c ON c.id = m.conversation_id WHERE m.user_id = ? AND c.kind <> 'channel' "
            + "UNION ALL SELECT c.id FROM group_members g JOIN conversations c ON c.group_id = g.group_id "
            + "AND c.kind = 'channel' WHERE g.user_id = ?";

    /**
     * One row of a member's conversation list.
     *
     * @param row       the conversation
     * @param memberIds its members
     * @param readSeq   the member's read marker
     * @param unread    messages of others after the marker
     */
    public record Listed(ConversationRow row, List<UUID> memberIds, long readSeq, long unread) {
    }

    public Optional<ConversationRow> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + ConversationRow.COLUMNS + " FROM conversations c WHERE c.id = ?")
                .addParam(id).execute().map(ConversationRow::of);
    }

    /** The conversation if the user may see it. */
    public Optional<ConversationRow> findVisible(DbExecute db, UUID id, UUID userId) {
        return db.createGet("SELECT " + ConversationRow.COLUMNS + " FROM conversations c WHERE c.id = ? AND " + VISIBLE)
                .addParam(id).addParam(userId).addParam(userId).execute().map(ConversationRow::of);
    }

    public Optional<ConversationRow> findDirect(DbExecute db, UUID low, UUID high) {
        return db.createGet("SELECT " + ConversationRow.COLUMNS + " FROM conversations c "
                            + "WHERE c.kind = 'direct' AND c.direct_low = ? AND c.direct_high = ?")
                .addParam(low).addParam(high).execute().map(ConversationRow::of);
    }

    /** Inserts a conversation; a direct one whose pair exists already is not inserted (returns false). */
    public boolean insert(DbExecute tx, ConversationRow row) {
        return tx.createInsert("INSERT INTO conversations (id, kind, title, group_id, created_by, direct_low, direct_high, "
                               + "last_activity_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               + "ON CONFLICT (direct_low, direct_high) WHERE kind = 'direct' DO NOTHING")
                .addParam(row.id()).addParam(row.kind().wire()).addParam(row.title()).addParam(row.groupId())
                .addParam(row.createdBy()).addParam(row.directLow()).addParam(row.directHigh())
                .addParam(Rows.ts(row.lastActivityAt())).addParam(Rows.ts(row.createdAt()))
                .execute() == 1;
    }

    public void updateTitle(DbExecute tx, UUID id, String title) {
        tx.createUpdate("UPDATE conversations SET title = ? WHERE id = ?").addParam(title).addParam(id).execute();
    }

    /** Adds members; returns those who were not members yet. */
    public List<UUID> addMembers(DbExecute tx, UUID conversationId, List<UUID> userIds) {
        return tx.createQuery("INSERT INTO conversation_members (conversation_id, user_id) "
                              + "SELECT ?, u FROM unnest(?::uuid[]) u ON CONFLICT DO NOTHING RETURNING user_id")
                .addParam(conversationId).addParam(Rows.uuidArray(userIds)).execute()
                .map(r -> Rows.uuid(r, "user_id")).toList();
    }

    public boolean removeMember(DbExecute tx, UUID conversationId, UUID userId) {
        return tx.createDelete("DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ?")
                .addParam(conversationId).addParam(userId).execute() == 1;
    }

    /** Members: the group's for a channel, else {@code conversation_members}. */
    public List<UUID> memberIds(DbExecute db, ConversationRow row) {
        var query = row.kind() == ConversationKind.CHANNEL
                ? db.createQuery("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY joined_at, user_id")
                        .addParam(row.groupId())
                : db.createQuery("SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY joined_at, user_id")
                        .addParam(row.id());
        return query.execute().map(r -> Rows.uuid(r, "user_id")).toList();
    }

    public boolean isMember(DbExecute db, UUID conversationId, UUID userId) {
        return findVisible(db, conversationId, userId).isPresent();
    }

    public List<UUID> conversationIdsOf(DbExecute db, UUID userId) {
        return db.createQuery(MINE).addParam(userId).addParam(userId).execute().map(r -> Rows.uuid(r, "id")).toList();
    }

    public List<ConversationRow> channelsOfGroup(DbExecute db, UUID groupId) {
        return db.createQuery("SELECT " + ConversationRow.COLUMNS + " FROM conversations c WHERE c.group_id = ? AND c.kind = 'channel'")
                .addParam(groupId).execute().map(ConversationRow::of).toList();
    }

    /** The user's conversations, most recent activity first, after the keyset {@code (activity, id)} if given. */
    public List<Listed> list(DbExecute db, UUID userId, Optional<Instant> afterActivity, Optional<UUID> afterId, int limit) {
        String keyset = afterActivity.isPresent() ? "WHERE (c.last_activity_at, c.id) < (?, ?) " : "";
        var query = db.createQuery("SELECT " + ConversationRow.COLUMNS + ", coalesce(r.read_seq, 0) AS read_seq, "
                + "(SELECT count(*) FROM messages x WHERE x.conversation_id = c.id AND x.seq > coalesce(r.read_seq, 0) "
                + "  AND x.sender_id <> ? AND x.thread_root_id IS NULL AND x.deleted_at IS NULL) AS unread, "
                + "(CASE WHEN c.kind = 'channel' "
                + "  THEN (SELECT string_agg(g.user_id::text, ',' ORDER BY g.joined_at, g.user_id) FROM group_members g WHERE g.group_id = c.group_id) "
                + "  ELSE (SELECT string_agg(m.user_id::text, ',' ORDER BY m.joined_at, m.user_id) FROM conversation_members m WHERE m.conversation_id = c.id) "
                + "END) AS member_ids "
                + "FROM (" + MINE + ") mine JOIN conversations c ON c.id = mine.id "
                + "LEFT JOIN conversation_members r ON r.conversation_id = c.id AND r.user_id = ? "
                + keyset + "ORDER BY c.last_activity_at DESC, c.id DESC LIMIT " + limit)
                .addParam(userId).addParam(userId).addParam(userId).addParam(userId);
        if (afterActivity.isPresent()) {
            query.addParam(Rows.ts(afterActivity.get())).addParam(afterId.orElseThrow());
        }
        return query.execute().map(r -> new Listed(ConversationRow.of(r), idList(Rows.string(r, "member_ids")),
                Rows.longValue(r, "read_seq"), Rows.longValue(r, "unread"))).toList();
    }

    /** The reader's marker and unread count in one conversation. */
    public Listed readState(DbExecute db, ConversationRow row, UUID userId, List<UUID> memberIds) {
        DbRow r = db.createGet("SELECT coalesce((SELECT read_seq FROM conversation_members WHERE conversation_id = ? AND user_id = ?), 0) AS read_seq")
                .addParam(row.id()).addParam(userId).execute().orElseThrow();
        long readSeq = Rows.longValue(r, "read_seq");
        long unread = db.createGet("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND seq > ? "
                                   + "AND sender_id <> ? AND thread_root_id IS NULL AND deleted_at IS NULL")
                .addParam(row.id()).addParam(readSeq).addParam(userId).execute()
                .map(x -> Rows.longValue(x, "n")).orElse(0L);
        return new Listed(row, memberIds, readSeq, unread);
    }

    /** Parses a comma-separated id list from {@code string_agg} / {@code array_to_string}. */
    public static List<UUID> idList(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(UUID::fromString).toList();
    }

    /** Serializes concurrent channel syncs of the same (group, user) across instances, until the commit. */
    public void lockMembershipSync(DbExecute tx, UUID groupId, UUID userId) {
        tx.createQuery("SELECT pg_advisory_xact_lock(hashtext(?)) AS locked").addParam(groupId + "/" + userId)
                .execute().toList();
    }
}
