package dev.tangle.geo.share;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import dev.tangle.geo.support.Sql;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of shares, their viewers and views. */
public final class ShareRepository {

    private static final String COLUMNS = "id, owner_id, audience_user_ids, conversation_id, group_id, precision, kind, "
                                          + "started_at, expires_at, ended_at, paused";

    public void insert(DbExecute tx, Share s, Collection<UUID> viewers) {
        tx.createInsert("INSERT INTO shares (" + COLUMNS + ") VALUES (?, ?, ?::uuid[], ?, ?, ?, ?, ?, ?, NULL, false)")
                .addParam(s.id()).addParam(s.ownerId()).addParam(Rows.uuidArray(s.userIds()))
                .addParam(s.conversationId()).addParam(s.groupId()).addParam(s.precision().wire()).addParam(s.kind())
                .addParam(Rows.ts(s.startedAt())).addParam(Rows.ts(s.expiresAt())).execute();
        addViewers(tx, s.id(), viewers);
    }

    public void addViewers(DbExecute tx, UUID shareId, Collection<UUID> viewers) {
        if (!viewers.isEmpty()) {
            tx.createInsert("INSERT INTO share_viewers (share_id, viewer_id) SELECT ?, v FROM unnest(?::uuid[]) AS t(v) "
                            + "ON CONFLICT DO NOTHING")
                    .addParam(shareId).addParam(Rows.uuidArray(viewers)).execute();
        }
    }

    public Optional<Share> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM shares WHERE id = ?").addParam(id).execute()
                .map(ShareRepository::share);
    }

    public Optional<Share> lock(DbExecute tx, UUID id) {
        return tx.createGet("SELECT " + COLUMNS + " FROM shares WHERE id = ? FOR UPDATE").addParam(id).execute()
                .map(ShareRepository::share);
    }

    /** The owner's shares not ended longer than an hour ago, newest first. */
    public List<Share> owned(DbExecute db, UUID owner, int limit) {
        return db.createQuery("SELECT " + COLUMNS + " FROM shares WHERE owner_id = ? "
                              + "AND coalesce(ended_at, expires_at) > now() - interval '1 hour' ORDER BY started_at DESC LIMIT ?")
                .addParam(owner).addParam(limit).execute().map(ShareRepository::share).toList();
    }

    /** Shares the viewer may see (or could until less than an hour ago), newest first. */
    public List<Share> visibleTo(DbExecute db, UUID viewer, int limit) {
        return db.createQuery("SELECT " + prefixed("s") + " FROM shares s JOIN share_viewers v ON v.share_id = s.id "
                              + "WHERE v.viewer_id = ? AND coalesce(s.ended_at, s.expires_at) > now() - interval '1 hour' "
                              + "ORDER BY s.started_at DESC LIMIT ?")
                .addParam(viewer).addParam(limit).execute().map(ShareRepository::share).toList();
    }

    public boolean isViewer(DbExecute db, UUID shareId, UUID viewer) {
        return db.createGet("SELECT 1 FROM share_viewers WHERE share_id = ? AND viewer_id = ?")
                .addParam(shareId).addParam(viewer).execute().isPresent();
    }

    /** The owner's active shares with their viewers. */
    public Map<Share, Set<UUID>> activeWithViewers(DbExecute db, UUID owner) {
        Map<UUID, Share> shares = new HashMap<>();
        db.createQuery("SELECT " + COLUMNS + " FROM shares WHERE owner_id = ? AND ended_at IS NULL AND expires_at > now()")
                .addParam(owner).execute().forEach(row -> {
                    Share s = share(row);
                    shares.put(s.id(), s);
                });
        Map<Share, Set<UUID>> result = new HashMap<>();
        shares.values().forEach(s -> result.put(s, new LinkedHashSet<>()));
        if (!shares.isEmpty()) {
            db.createQuery("SELECT share_id, viewer_id FROM share_viewers WHERE share_id = ANY(?::uuid[])")
                    .addParam(Rows.uuidArray(shares.keySet())).execute()
                    .forEach(row -> result.get(shares.get(Rows.uuid(row, "share_id"))).add(Rows.uuid(row, "viewer_id")));
        }
        return result;
    }

    public void update(DbExecute tx, UUID id, Instant expiresAt, Precision precision, boolean paused) {
        tx.createUpdate("UPDATE shares SET expires_at = ?, precision = ?, paused = ?, stale_notified = false WHERE id = ?")
                .addParam(Rows.ts(expiresAt)).addParam(precision.wire()).addParam(paused).addParam(id).execute();
    }

    public void end(DbExecute tx, UUID id, Instant at) {
        tx.createUpdate("UPDATE shares SET ended_at = ? WHERE id = ? AND ended_at IS NULL")
                .addParam(Rows.ts(at)).addParam(id).execute();
    }

    /**
     * Removes {@code a} and {@code b} from each other's shares (unfriend, block); returns the owners whose viewers
     * changed.
     */
    public Set<UUID> separate(DbExecute tx, UUID a, UUID b) {
        Set<UUID> owners = new LinkedHashSet<>();
        tx.createQuery("DELETE FROM share_viewers v USING shares s WHERE v.share_id = s.id AND "
                       + "((s.owner_id = ? AND v.viewer_id = ?) OR (s.owner_id = ? AND v.viewer_id = ?)) RETURNING s.owner_id")
                .addParam(a).addParam(b).addParam(b).addParam(a).execute()
                .forEach(row -> owners.add(Rows.uuid(row, "owner_id")));
        return owners;
    }

    /** Removes a user who left a conversation or group from its shares; returns the owners affected. */
    public Set<UUID> leaveAudience(DbExecute tx, String column, UUID audienceId, UUID userId) {
        Set<UUID> owners = new LinkedHashSet<>();
        tx.createQuery("DELETE FROM share_viewers v USING shares s WHERE v.share_id = s.id AND s." + column + " = ? "
                       + "AND v.viewer_id = ? RETURNING s.owner_id")
                .addParam(audienceId).addParam(userId).execute().forEach(row -> owners.add(Rows.uuid(row, "owner_id")));
        tx.createQuery("UPDATE shares SET ended_at = now() WHERE " + column + " = ? AND owner_id = ? AND ended_at IS NULL "
                       + "RETURNING owner_id")
                .addParam(audienceId).addParam(userId).execute().forEach(row -> owners.add(Rows.uuid(row, "owner_id")));
        return owners;
    }

    /** Active shares to a conversation or group, for a member who joined. */
    public List<Share> activeForAudience(DbExecute db, String column, UUID audienceId) {
        return db.createQuery("SELECT " + COLUMNS + " FROM shares WHERE " + column + " = ? AND ended_at IS NULL "
                              + "AND expires_at > now()")
                .addParam(audienceId).execute().map(ShareRepository::share).toList();
    }

    public void recordViews(DbExecute tx, Collection<UUID> shareIds, UUID viewer) {
        if (!shareIds.isEmpty()) {
            tx.createInsert("INSERT INTO share_views (share_id, viewer_id, first_viewed_at, last_viewed_at) "
                            + "SELECT s, ?, now(), now() FROM unnest(?::uuid[]) AS t(s) "
                            + "ON CONFLICT (share_id, viewer_id) DO UPDATE SET last_viewed_at = now(), views = share_views.views + 1")
                    .addParam(viewer).addParam(Rows.uuidArray(shareIds)).execute();
        }
    }

    public List<Map<String, Object>> views(DbExecute db, UUID shareId) {
        return db.createQuery("SELECT viewer_id, first_viewed_at, last_viewed_at, views FROM share_views WHERE share_id = ? "
                              + "ORDER BY last_viewed_at DESC")
                .addParam(shareId).execute().map(row -> Map.<String, Object>of(
                        "userId", Rows.uuid(row, "viewer_id"),
                        "at", Rows.instant(row, "last_viewed_at"),
                        "firstViewedAt", Rows.instant(row, "first_viewed_at"),
                        "lastViewedAt", Rows.instant(row, "last_viewed_at"),
                        "views", Rows.longValue(row, "views"))).toList();
    }

    /** Shares live now. */
    public long activeCount(DbExecute db) {
        return db.createGet("SELECT count(*) AS n FROM shares WHERE ended_at IS NULL AND expires_at > now()")
                .execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
    }

    /** Marks the owner's open shares as just updated (staleness). */
    public void touch(DbExecute db, UUID owner, Instant at) {
        db.createUpdate("UPDATE shares SET last_update_at = ?, stale_notified = false WHERE owner_id = ? "
                        + "AND ended_at IS NULL AND expires_at > now()")
                .addParam(Rows.ts(at)).addParam(owner).execute();
    }

    /** {@link #touch} for many owners in one statement: {@code ats} holds each owner's time, as ISO-8601 text. */
    public void touchAll(DbExecute db, java.util.Collection<UUID> owners, java.util.Collection<String> ats) {
        db.createUpdate("UPDATE shares s SET last_update_at = t.at, stale_notified = false "
                        + "FROM unnest(?::uuid[], ?::timestamptz[]) AS t(owner_id, at) "
                        + "WHERE s.owner_id = t.owner_id AND s.ended_at IS NULL AND s.expires_at > now()")
                .addParam(Rows.uuidArray(owners)).addParam(Rows.array(ats)).execute();
    }

    /** Live shares without an update for {@code staleAfterSeconds}, not yet announced; locked, at most {@code limit}. */
    public List<Share> claimStale(DbExecute tx, long staleAfterSeconds, int limit) {
        List<Share> due = tx.createQuery("SELECT " + COLUMNS + " FROM shares WHERE ended_at IS NULL AND expires_at > now() "
                                         + "AND NOT paused AND NOT stale_notified "
                                         + "AND coalesce(last_update_at, started_at) < now() - make_interval(secs => ?) "
                                         + "LIMIT ? FOR UPDATE SKIP LOCKED")
                .addParam(staleAfterSeconds).addParam(limit).execute().map(ShareRepository::share).toList();
        if (!due.isEmpty()) {
            tx.createUpdate("UPDATE shares SET stale_notified = true WHERE id = ANY(?::uuid[])")
                    .addParam(Rows.uuidArray(due.stream().map(Share::id).toList())).execute();
        }
        return due;
    }

    /** Shares that ended (stopped or expired) and were not announced yet; locked and marked announced. */
    public List<Share> claimEnded(DbExecute tx, int limit) {
        List<Share> due = tx.createQuery("SELECT " + COLUMNS + " FROM shares WHERE NOT end_announced "
                                         + "AND (ended_at IS NOT NULL OR expires_at <= now()) LIMIT ? FOR UPDATE SKIP LOCKED")
                .addParam(limit).execute().map(ShareRepository::share).toList();
        if (!due.isEmpty()) {
            tx.createUpdate("UPDATE shares SET end_announced = true, ended_at = coalesce(ended_at, expires_at) "
                            + "WHERE id = ANY(?::uuid[])")
                    .addParam(Rows.uuidArray(due.stream().map(Share::id).toList())).execute();
        }
        return due;
    }

    public List<UUID> viewers(DbExecute db, UUID shareId) {
        return db.createQuery("SELECT viewer_id FROM share_viewers WHERE share_id = ?").addParam(shareId).execute()
                .map(row -> Rows.uuid(row, "viewer_id")).toList();
    }

    private static String prefixed(String alias) {
        List<String> cols = new ArrayList<>();
        for (String c : COLUMNS.split(", ")) {
            cols.add(alias + "." + c);
        }
        return String.join(", ", cols);
    }

    static Share share(DbRow row) {
        return new Share(Rows.uuid(row, "id"), Rows.uuid(row, "owner_id"), Sql.uuids(row, "audience_user_ids"),
                Rows.optionalUuid(row, "conversation_id").orElse(null), Rows.optionalUuid(row, "group_id").orElse(null),
                Precision.of(Rows.string(row, "precision")), Rows.string(row, "kind"), Rows.instant(row, "started_at"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "ended_at"), Rows.bool(row, "paused"));
    }
}
