package dev.tangle.geo.map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * SQL of the memory map's tables (V20): seq-guarded upserts from events, each under one advisory lock so their
 * revisions commit in order, and reads of everything changed after a revision in one snapshot.
 */
final class MapRepository {

    /** Serialises map writers so that {@code rev} values become visible in order. */
    private static final long WRITE_LOCK = 0x6d61705f72657631L;
    private static final int PAGE = 5_000;

    private final DataSource dataSource;

    MapRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A post as its event tells it (created, updated or deleted), and the audience of the media it attaches. */
    void post(long seq, PostData post, boolean deleted) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO map_items (kind, id, author_id, visibility, group_id, lat, lon, created_at, other_id,
                                           deleted, seq, rev)
                    VALUES ('post', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('map_rev'))
                    ON CONFLICT (kind, id) DO UPDATE SET author_id = excluded.author_id,
                        visibility = excluded.visibility, group_id = excluded.group_id, lat = excluded.lat,
                        lon = excluded.lon, created_at = excluded.created_at, other_id = excluded.other_id,
                        deleted = map_items.deleted OR excluded.deleted, seq = excluded.seq, rev = nextval('map_rev')
                    WHERE map_items.seq < excluded.seq""")) {
                ps.setObject(1, post.postId());
                ps.setObject(2, post.authorId());
                ps.setString(3, post.visibility());
                ps.setObject(4, post.groupId());
                setDouble(ps, 5, post.lat());
                setDouble(ps, 6, post.lon());
                ps.setTimestamp(7, Timestamp.from(post.createdAt()));
                ps.setObject(8, post.mediaIds().isEmpty() ? null : post.mediaIds().getFirst());
                ps.setBoolean(9, deleted);
                ps.setLong(10, seq);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO map_items (kind, id, visibility, group_id, other_id, link_seq, rev)
                    VALUES ('media', ?, ?, ?, ?, ?, nextval('map_rev'))
                    ON CONFLICT (kind, id) DO UPDATE SET visibility = excluded.visibility,
                        group_id = excluded.group_id, other_id = excluded.other_id, link_seq = excluded.link_seq,
                        rev = nextval('map_rev')
                    WHERE map_items.link_seq < excluded.link_seq
                      AND (NOT ? OR map_items.other_id IS NULL OR map_items.other_id = ?)""")) {
                for (UUID media : post.mediaIds()) {
                    ps.setObject(1, media);
                    ps.setString(2, deleted ? null : post.visibility());
                    ps.setObject(3, deleted ? null : post.groupId());
                    ps.setObject(4, deleted ? null : post.postId());
                    ps.setLong(5, seq);
                    ps.setBoolean(6, deleted);
                    ps.setObject(7, post.postId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** A media item's own event: ready (owner, location when kept) or deleted. */
    void media(long seq, UUID id, UUID ownerId, Double lat, Double lon, Instant createdAt, boolean deleted) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO map_items (kind, id, author_id, lat, lon, created_at, deleted, seq, rev)
                    VALUES ('media', ?, ?, ?, ?, ?, ?, ?, nextval('map_rev'))
                    ON CONFLICT (kind, id) DO UPDATE SET
                        author_id = coalesce(excluded.author_id, map_items.author_id),
                        lat = CASE WHEN excluded.deleted THEN map_items.lat ELSE excluded.lat END,
                        lon = CASE WHEN excluded.deleted THEN map_items.lon ELSE excluded.lon END,
                        created_at = coalesce(map_items.created_at, excluded.created_at),
                        deleted = map_items.deleted OR excluded.deleted, seq = excluded.seq, rev = nextval('map_rev')
                    WHERE map_items.seq < excluded.seq""")) {
                ps.setObject(1, id);
                ps.setObject(2, ownerId);
                setDouble(ps, 3, lat);
                setDouble(ps, 4, lon);
                ps.setTimestamp(5, Timestamp.from(createdAt));
                ps.setBoolean(6, deleted);
                ps.setLong(7, seq);
                ps.executeUpdate();
            }
        });
    }

    /** One directed row of a relation table: friends (user → friend), blocks (blocker → blocked), members. */
    void relation(Relation relation, long seq, UUID a, UUID b, boolean active) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(("""
                    INSERT INTO %1$s (%2$s, %3$s, active, seq, rev) VALUES (?, ?, ?, ?, nextval('map_rev'))
                    ON CONFLICT (%2$s, %3$s) DO UPDATE SET active = excluded.active, seq = excluded.seq,
                        rev = nextval('map_rev')
                    WHERE %1$s.seq < excluded.seq""").formatted(relation.table, relation.first, relation.second))) {
                ps.setObject(1, a);
                ps.setObject(2, b);
                ps.setBoolean(3, active);
                ps.setLong(4, seq);
                ps.executeUpdate();
            }
        });
    }

    enum Relation {
        FRIENDS("map_friends", "user_id", "friend_id"),
        BLOCKS("map_blocks", "blocker_id", "blocked_id"),
        MEMBERS("map_group_members", "group_id", "user_id");

        final String table;
        final String first;
        final String second;

        Relation(String table, String first, String second) {
            this.table = table;
            this.first = first;
            this.second = second;
        }
    }

    /**
     * Everything changed after {@code afterRev}, read in one snapshot, at most a page per table; {@code upTo} is
     * the revision the caller may continue from (everything at or below it was returned).
     */
    Changes changesAfter(long afterRev) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long[] upTo = {Long.MAX_VALUE};
                long[] max = {afterRev};
                List<ItemRow> items = new ArrayList<>();
                query(c, """
                        SELECT kind, id, author_id, visibility, group_id, lat, lon, created_at, other_id, deleted, rev
                        FROM map_items WHERE rev > ? ORDER BY rev LIMIT ?""", afterRev, upTo, max, rs -> items.add(
                        new ItemRow(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getString(4), rs.getObject(5, UUID.class), (Double) rs.getObject(6),
                                (Double) rs.getObject(7), instant(rs.getTimestamp(8)), rs.getObject(9, UUID.class),
                                rs.getBoolean(10))));
                List<RelationRow> relations = new ArrayList<>();
                for (Relation r : Relation.values()) {
                    query(c, "SELECT %s, %s, active, rev FROM %s WHERE rev > ? ORDER BY rev LIMIT ?"
                            .formatted(r.first, r.second, r.table), afterRev, upTo, max, rs -> relations.add(
                            new RelationRow(r, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3))));
                }
                c.commit();
                return new Changes(items, relations, upTo[0] == Long.MAX_VALUE ? max[0] : upTo[0],
                        upTo[0] != Long.MAX_VALUE);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading memory-map changes failed: " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, long afterRev, long[] upTo, long[] max, RowReader reader)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterRev);
            ps.setInt(2, PAGE);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                long last = afterRev;
                while (rs.next()) {
                    reader.read(rs);
                    last = rs.getLong("rev");
                    n++;
                }
                max[0] = Math.max(max[0], last);
                if (n == PAGE) {
                    upTo[0] = Math.min(upTo[0], last);
                }
            }
        }
    }

    record Changes(List<ItemRow> items, List<RelationRow> relations, long upTo, boolean more) {
    }

    record ItemRow(String kind, UUID id, UUID authorId, String visibility, UUID groupId, Double lat, Double lon,
                   Instant createdAt, UUID otherId, boolean deleted) {
    }

    record RelationRow(Relation relation, UUID first, UUID second, boolean active) {
    }

    record PostData(UUID postId, UUID authorId, String visibility, UUID groupId, Double lat, Double lon,
                    Instant createdAt, List<UUID> mediaIds) {
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void write(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, WRITE_LOCK);
                    lock.execute();
                }
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the memory map failed: " + e.getMessage(), e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
