package dev.tangle.api.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * Full-text queries over the stored {@code search} vectors (V60__search.sql). Each query applies the reading
 * rules of its kind in SQL, before ranking, so a row the searcher may not read is never a candidate:
 * messages of conversations the searcher is a member of (a channel's members are its group's); posts by
 * {@code PostAccess}'s rules (own; otherwise never across a block; public; friends-only for friends; group posts for
 * members); comments on posts the searcher may see, not written by someone blocked either way.
 */
public final class SearchRepository {

    static final String CONFIG = "english";
    static final String MARK_START = "\uE000";
    static final String MARK_END = "\uE001";
    private static final String HEADLINE_OPTIONS = "StartSel=" + MARK_START + ", StopSel=" + MARK_END
            + ", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    private static final String NOT_BLOCKED = "NOT EXISTS (SELECT 1 FROM blocks b WHERE "
            + "(b.blocker_id = :me AND b.blocked_id = %1$s) OR (b.blocker_id = %1$s AND b.blocked_id = :me))";

    private static final String POST_VISIBLE = """
            (p.author_id = :me OR (%s AND (p.visibility = 'public'
                OR (p.visibility = 'friends' AND EXISTS (SELECT 1 FROM friendships f
                        WHERE f.user_id = :me AND f.friend_id = p.author_id))
                OR (p.visibility = 'group' AND EXISTS (SELECT 1 FROM group_members gm
                        WHERE gm.group_id = p.group_id AND gm.user_id = :me)))))
            """.formatted(NOT_BLOCKED.formatted("p.author_id"));

    private static final String MESSAGES = """
            WITH q AS (SELECT to_tsquery('%1$s', :query) AS q, phraseto_tsquery('%1$s', :plain) AS phrase),
            mine AS (
                SELECT conversation_id AS id FROM conversation_members WHERE user_id = :me
                UNION SELECT c.id FROM conversations c JOIN group_members gm ON gm.group_id = c.group_id
                      WHERE c.kind = 'channel' AND gm.user_id = :me),
            hits AS (
                SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.created_at, m.text,
                       ts_rank_cd(m.search, q.q) + CASE WHEN m.search @@ q.phrase THEN 1 ELSE 0 END AS rank
                FROM q, messages m
                WHERE m.conversation_id IN (SELECT id FROM mine) AND %3$s
                  AND (CAST(:conversation AS uuid) IS NULL OR m.conversation_id = CAST(:conversation AS uuid))
                  AND (CAST(:from AS timestamptz) IS NULL OR m.created_at >= CAST(:from AS timestamptz))
                  AND (CAST(:to AS timestamptz) IS NULL OR m.created_at < CAST(:to AS timestamptz))
                ORDER BY rank DESC, m.id DESC OFFSET :offset LIMIT :limit)
            SELECT h.*, ts_headline('%1$s', h.text, q.q, '%2$s') AS snippet FROM hits h, q ORDER BY h.rank DESC, h.id DESC
            """;

    private static final String POSTS = """
            WITH q AS (SELECT to_tsquery('%1$s', :query) AS q, phraseto_tsquery('%1$s', :plain) AS phrase),
            hits AS (
                SELECT 'post' AS kind, p.id, p.id AS post_id, p.author_id, p.created_at, p.text,
                       ts_rank_cd(p.search, q.q) + CASE WHEN p.search @@ q.phrase THEN 1 ELSE 0 END AS rank
                FROM q, posts p
                WHERE p.search @@ q.q AND %3$s
                  AND (CAST(:from AS timestamptz) IS NULL OR p.created_at >= CAST(:from AS timestamptz))
                  AND (CAST(:to AS timestamptz) IS NULL OR p.created_at < CAST(:to AS timestamptz))
                UNION ALL
                SELECT 'comment', c.id, c.post_id, c.author_id, c.created_at, c.text,
                       ts_rank_cd(c.search, q.q) + CASE WHEN c.search @@ q.phrase THEN 1 ELSE 0 END
                FROM q, comments c JOIN posts p ON p.id = c.post_id
                WHERE c.search @@ q.q AND NOT c.deleted AND %3$s AND (c.author_id = :me OR %4$s)
                  AND (CAST(:from AS timestamptz) IS NULL OR c.created_at >= CAST(:from AS timestamptz))
                  AND (CAST(:to AS timestamptz) IS NULL OR c.created_at < CAST(:to AS timestamptz))
                ORDER BY rank DESC, id DESC OFFSET :offset LIMIT :limit)
            SELECT h.*, ts_headline('%1$s', h.text, q.q, '%2$s') AS snippet FROM hits h, q ORDER BY h.rank DESC, h.id DESC
            """;

    private static final String USERS = """
            WITH q AS (SELECT to_tsquery('simple', :query) AS q)
            SELECT u.id, u.created_at, u.handle || ' ' || u.display_name AS text,
                   ts_rank_cd(to_tsvector('simple', u.display_name), q.q)
                   + CASE WHEN lower(u.handle) = lower(:plain) THEN 2 WHEN lower(u.handle) LIKE :handlePrefix THEN 1 ELSE 0 END AS rank,
                   ts_headline('simple', u.handle || ' ' || u.display_name, q.q, '%2$s') AS snippet
            FROM q, users u
            WHERE (to_tsvector('simple', u.display_name) @@ q.q OR lower(u.handle) LIKE :handlePrefix)
              AND %3$s
            ORDER BY rank DESC, u.id DESC OFFSET :offset LIMIT :limit
            """;

    /**
     * A prefix term expands to every lexeme it starts, and GIN builds that match over the whole table once per
     * conversation searched: for a searcher with a moderate history it is much cheaper to test the messages of
     * their conversations one by one ({@code ts_match_vq} is the function behind {@code @@}, which the planner does
     * not turn into an index lookup). Measured with {@code tangle bench search} (docs/benchmarks.md).
     */
    static final long SCAN_PREFIX_BELOW = 100_000;

    private static final String READABLE = """
            SELECT coalesce(sum(c.last_seq), 0) AS n FROM conversations c
            WHERE c.id IN (SELECT conversation_id FROM conversation_members WHERE user_id = ?)
               OR (c.kind = 'channel' AND c.group_id IN (SELECT group_id FROM group_members WHERE user_id = ?))
            """;

    public List<SearchHit> messages(DbExecute db, UUID me, SearchSyntax q, Optional<UUID> conversation,
                                    Optional<Instant> from, Optional<Instant> to, int offset, int limit) {
        boolean scan = q.prefix() && (conversation.isPresent()
                || db.createGet(READABLE).addParam(me).addParam(me).execute()
                        .map(r -> Rows.longValue(r, "n")).orElse(0L) < SCAN_PREFIX_BELOW);
        String match = scan ? "ts_match_vq(m.search, q.q)" : "m.search @@ q.q";
        return db.createQuery(MESSAGES.formatted(CONFIG, HEADLINE_OPTIONS, match))
                .addParam("query", q.tsquery()).addParam("plain", q.plain()).addParam("me", me)
                .addParam("conversation", conversation.orElse(null))
                .addParam("from", from.map(Rows::ts).orElse(null)).addParam("to", to.map(Rows::ts).orElse(null))
                .addParam("offset", offset).addParam("limit", limit)
                .execute().map(r -> hit("message", r, Rows.uuid(r, "conversation_id"), Rows.longValue(r, "seq"), null,
                        Rows.uuid(r, "sender_id"))).toList();
    }

    public List<SearchHit> posts(DbExecute db, UUID me, SearchSyntax q, Optional<Instant> from, Optional<Instant> to,
                                 int offset, int limit) {
        return db.createQuery(POSTS.formatted(CONFIG, HEADLINE_OPTIONS, POST_VISIBLE, NOT_BLOCKED.formatted("c.author_id")))
                .addParam("query", q.tsquery()).addParam("plain", q.plain()).addParam("me", me)
                .addParam("from", from.map(Rows::ts).orElse(null)).addParam("to", to.map(Rows::ts).orElse(null))
                .addParam("offset", offset).addParam("limit", limit)
                .execute().map(r -> hit(Rows.string(r, "kind"), r, null, null, Rows.uuid(r, "post_id"),
                        Rows.uuid(r, "author_id"))).toList();
    }

    public List<SearchHit> users(DbExecute db, UUID me, SearchSyntax q, int offset, int limit) {
        String prefix = q.plain().isEmpty() ? "\u0001" : q.plain().split(" ")[0].toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.createQuery(USERS.formatted(CONFIG, HEADLINE_OPTIONS, NOT_BLOCKED.formatted("u.id")))
                .addParam("query", q.tsquery()).addParam("plain", q.plain()).addParam("handlePrefix", prefix)
                .addParam("me", me).addParam("offset", offset).addParam("limit", limit)
                .execute().map(r -> hit("user", r, null, null, null, Rows.uuid(r, "id"))).toList();
    }

    private static SearchHit hit(String kind, DbRow r, UUID conversationId, Long seq, UUID postId, UUID authorId) {
        String marked = Rows.string(r, "snippet");
        StringBuilder snippet = new StringBuilder(marked.length());
        List<int[]> highlights = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == MARK_START.charAt(0)) {
                start = snippet.length();
            } else if (c == MARK_END.charAt(0)) {
                if (start >= 0) {
                    highlights.add(new int[] {start, snippet.length()});
                }
                start = -1;
            } else {
                snippet.append(c);
            }
        }
        double rank = ((Number) Rows.raw(r, "rank")).doubleValue();
        return new SearchHit(kind, Rows.uuid(r, "id"), conversationId, seq, postId, authorId,
                Rows.instant(r, "created_at"), snippet.toString(), highlights, rank);
    }
}
