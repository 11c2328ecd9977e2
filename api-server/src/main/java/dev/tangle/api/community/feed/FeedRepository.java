package dev.tangle.api.community.feed;

import java.util.List;
import java.util.UUID;

import dev.tangle.api.community.post.PostRepository;
import dev.tangle.api.community.post.StoredPost;
import io.helidon.dbclient.DbExecute;

/**
 * Feed queries: keyset pages on the UUIDv7 post id alone (time ordered), newest first. They apply the rules of
 * {@link dev.tangle.api.community.post.PostAccess} in SQL (docs/adr/0032).
 */
public final class FeedRepository {

    /** Sorts after every id: the cursor of a first page. */
    public static final UUID AFTER_ALL = new UUID(-1L, -1L);

    private static final String NOT_BLOCKED = "NOT EXISTS (SELECT 1 FROM blocks b WHERE "
            + "(b.blocker_id = ? AND b.blocked_id = %1$s) OR (b.blocker_id = %1$s AND b.blocked_id = ?))";

    // Home: one branch per author (me + my friends, newest `limit` ids each from posts_author_idx) and one per
    // group of mine (posts_group_idx), merged and cut to the page; only then are the page's rows read.
    private static final String HOME = """
            WITH page AS (
                SELECT id FROM (
                    SELECT p.id FROM (
                        SELECT ?::uuid AS author_id
                        UNION ALL
                        SELECT f.friend_id FROM friendships f WHERE f.user_id = ? AND %1$s
                    ) a CROSS JOIN LATERAL (
                        SELECT p.id FROM posts p
                        WHERE p.author_id = a.author_id AND p.id < ?
                          AND (a.author_id = ? OR p.visibility IN ('public', 'friends'))
                        ORDER BY p.id DESC LIMIT ?) p
                    UNION ALL
                    SELECT p.id FROM group_members gm CROSS JOIN LATERAL (
                        SELECT p.id FROM posts p
                        WHERE p.group_id = gm.group_id AND p.id < ? AND p.author_id <> ? AND %2$s
                        ORDER BY p.id DESC LIMIT ?) p
                    WHERE gm.user_id = ?
                ) merged ORDER BY id DESC LIMIT ?
            )
            SELECT %3$s FROM page JOIN posts p ON p.id = page.id ORDER BY p.id DESC
            """.formatted(NOT_BLOCKED.formatted("f.friend_id"), NOT_BLOCKED.formatted("p.author_id"),
            PostRepository.COLUMNS);

    private static final String PROFILE = """
            SELECT %s FROM posts p
            WHERE p.author_id = ? AND p.id < ?
              AND (?::boolean OR p.visibility = 'public' OR (p.visibility = 'friends' AND ?::boolean)
                   OR (p.visibility = 'group' AND EXISTS (
                       SELECT 1 FROM group_members gm WHERE gm.group_id = p.group_id AND gm.user_id = ?)))
            ORDER BY p.id DESC LIMIT ?
            """.formatted(PostRepository.COLUMNS);

    private static final String GROUP = """
            SELECT %s FROM posts p
            WHERE p.group_id = ? AND p.id < ? AND %s
            ORDER BY p.id DESC LIMIT ?
            """.formatted(PostRepository.COLUMNS, NOT_BLOCKED.formatted("p.author_id"));

    /** My posts, my friends' public and friends-only posts, and my groups' posts, older than {@code before}. */
    public List<StoredPost> home(DbExecute db, UUID me, UUID before, int rows) {
        return db.createQuery(HOME)
                .addParam(me).addParam(me).addParam(me).addParam(me)           // authors, friends not blocked
                .addParam(before).addParam(me).addParam(rows)                  // per author
                .addParam(before).addParam(me).addParam(me).addParam(me).addParam(rows) // per group
                .addParam(me).addParam(rows)
                .execute().map(PostRepository::post).toList();
    }

    /** The author's posts the viewer may see (the caller has checked there is no block between them). */
    public List<StoredPost> profile(DbExecute db, UUID viewer, UUID author, boolean friends, UUID before, int rows) {
        return db.createQuery(PROFILE)
                .addParam(author).addParam(before).addParam(viewer.equals(author)).addParam(friends)
                .addParam(viewer).addParam(rows)
                .execute().map(PostRepository::post).toList();
    }

    /** A group's posts, without those of users blocked either way (the caller has checked membership). */
    public List<StoredPost> group(DbExecute db, UUID viewer, UUID groupId, UUID before, int rows) {
        return db.createQuery(GROUP)
                .addParam(groupId).addParam(before).addParam(viewer).addParam(viewer).addParam(rows)
                .execute().map(PostRepository::post).toList();
    }
}
