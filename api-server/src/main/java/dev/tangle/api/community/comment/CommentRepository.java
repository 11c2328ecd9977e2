package dev.tangle.api.community.comment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code comments}. */
public final class CommentRepository {

    /** Sorts before every UUIDv7: the cursor of a first page. */
    public static final UUID BEFORE_ALL = new UUID(0, 0);

    private static final String COLUMNS = "id, post_id, parent_id, path, depth, author_id, text, created_at, "
            + "edited_at, deleted, reply_count";

    // One query for a page of comments and their replies down to N levels, at most R per parent
    // (docs/adr/0031): the anchor is the page (limit + 1 rows), each recursion step takes the first R + 1
    // replies of every loaded comment that is inside its page and above the depth limit, by (parent_id, id).
    private static final String TREE = """
            WITH RECURSIVE tree AS (
                SELECT x.*, 0 AS level, row_number() OVER (ORDER BY x.id) AS rank FROM (
                    SELECT %1$s FROM comments WHERE %2$s AND id > ? ORDER BY id LIMIT ?) x
              UNION ALL
                SELECT k.* FROM tree t CROSS JOIN LATERAL (
                    SELECT y.*, t.level + 1 AS level, row_number() OVER (ORDER BY y.id) AS rank FROM (
                        SELECT %1$s FROM comments c WHERE c.parent_id = t.id ORDER BY c.id LIMIT ?) y) k
                WHERE t.level < ? AND t.reply_count > 0 AND t.rank <= CASE WHEN t.level = 0 THEN ? ELSE ? END
            )
            SELECT * FROM tree
            """;

    public void insert(DbExecute tx, StoredComment c) {
        tx.createInsert("INSERT INTO comments (id, post_id, parent_id, path, depth, author_id, text, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .addParam(c.id()).addParam(c.postId()).addParam(c.parentId()).addParam(c.path()).addParam(c.depth())
                .addParam(c.authorId()).addParam(c.text()).addParam(Rows.ts(c.createdAt()))
                .execute();
    }

    public Optional<StoredComment> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM comments WHERE id = ?").addParam(id).execute()
                .map(CommentRepository::comment);
    }

    public Optional<StoredComment> findForUpdate(DbExecute tx, UUID id) {
        return tx.createGet("SELECT " + COLUMNS + " FROM comments WHERE id = ? FOR UPDATE").addParam(id).execute()
                .map(CommentRepository::comment);
    }

    /** Counts a new reply of {@code parentId} and returns the parent as now stored (its child_seq is the ordinal). */
    public Optional<ReplySlot> takeReplySlot(DbExecute tx, UUID parentId) {
        return tx.createGet("UPDATE comments SET child_seq = child_seq + 1, reply_count = reply_count + 1 "
                        + "WHERE id = ? RETURNING path, depth, child_seq, deleted")
                .addParam(parentId).execute()
                .map(row -> new ReplySlot(Rows.string(row, "path"), Rows.intValue(row, "depth"),
                        Rows.intValue(row, "child_seq"), Rows.bool(row, "deleted")));
    }

    /**
     * The parent's path, depth and the ordinal taken for a new reply.
     *
     * @param parentPath   the parent's path
     * @param parentDepth  the parent's depth
     * @param ordinal      the new reply's ordinal among its siblings
     * @param parentGone   the parent is a tombstone (replies are refused)
     */
    public record ReplySlot(String parentPath, int parentDepth, int ordinal, boolean parentGone) {
    }

    public void updateText(DbExecute tx, UUID id, String text, Instant editedAt) {
        tx.createUpdate("UPDATE comments SET text = ?, edited_at = ? WHERE id = ?")
                .addParam(text).addParam(Rows.ts(editedAt)).addParam(id).execute();
    }

    /** Keeps the comment as a tombstone: deleted, text removed, its reactions gone. */
    public void tombstone(DbExecute tx, UUID id) {
        tx.createUpdate("UPDATE comments SET deleted = true, text = NULL WHERE id = ?").addParam(id).execute();
        tx.createDelete("DELETE FROM comment_reactions WHERE comment_id = ?").addParam(id).execute();
    }

    public void delete(DbExecute tx, UUID id) {
        tx.createDelete("DELETE FROM comments WHERE id = ?").addParam(id).execute();
    }

    /** One reply of {@code parentId} is gone; returns whether the parent is now a tombstone without replies. */
    public boolean replyRemoved(DbExecute tx, UUID parentId) {
        return tx.createGet("UPDATE comments SET reply_count = reply_count - 1 WHERE id = ? "
                        + "RETURNING deleted AND reply_count = 0 AS empty_tombstone")
                .addParam(parentId).execute().map(row -> Rows.bool(row, "empty_tombstone")).orElse(false);
    }

    /**
     * A page of the top-level comments of a post ({@code parentId} null) or of one comment's replies, after
     * {@code afterId}, each with replies down to {@code levels} levels, at most {@code replyLimit} per parent
     * (plus one row per parent to tell whether there are more).
     */
    public List<StoredComment> tree(DbExecute db, UUID postId, UUID parentId, UUID afterId, int limit, int levels,
                                    int replyLimit) {
        String where = parentId == null ? "post_id = ? AND parent_id IS NULL" : "parent_id = ?";
        return db.createQuery(TREE.formatted(COLUMNS, where))
                .addParam(parentId == null ? postId : parentId).addParam(afterId).addParam(limit + 1)
                .addParam(replyLimit + 1).addParam(levels).addParam(limit).addParam(replyLimit)
                .execute().map(CommentRepository::treeComment).toList();
    }

    static StoredComment comment(DbRow row) {
        return comment(row, 0, 0);
    }

    private static StoredComment treeComment(DbRow row) {
        return comment(row, Rows.intValue(row, "level"), Rows.intValue(row, "rank"));
    }

    private static StoredComment comment(DbRow row, int level, int rank) {
        return new StoredComment(Rows.uuid(row, "id"), Rows.uuid(row, "post_id"), Rows.uuid(row, "parent_id"),
                Rows.string(row, "path"), Rows.intValue(row, "depth"), Rows.uuid(row, "author_id"),
                Rows.string(row, "text"), Rows.instant(row, "created_at"), Rows.instant(row, "edited_at"),
                Rows.bool(row, "deleted"), Rows.intValue(row, "reply_count"), level, rank);
    }
}
