package dev.tangle.api.admin;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL of the admin API: roles, bans and the figures of {@code /v1/admin/stats}. */
public final class AdminRepository {

    /** The user's role and handle, if the user exists. */
    public Optional<Map.Entry<String, String>> roleAndHandle(DbExecute db, UUID userId) {
        return db.createGet("SELECT role, handle FROM users WHERE id = ?").addParam(userId).execute()
                .map(r -> Map.entry(Rows.string(r, "role"), Rows.string(r, "handle")));
    }

    /** Makes the given handles operators; returns how many rows changed. */
    public long promote(DbExecute tx, Collection<String> handles) {
        return tx.createUpdate("UPDATE users SET role = 'operator' WHERE role <> 'operator' AND lower(handle) = ANY (CAST(? AS text[]))")
                .addParam(Rows.array(handles.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList()))
                .execute();
    }

    /** Sets or clears the ban; false if the user does not exist. */
    public boolean setBanned(DbExecute tx, UUID userId, boolean banned, String reason) {
        return tx.createUpdate("UPDATE users SET banned_at = CASE WHEN ? THEN coalesce(banned_at, now()) END, "
                        + "ban_reason = CASE WHEN ? THEN ? END WHERE id = ?")
                .addParam(banned).addParam(banned).addParam(reason).addParam(userId).execute() == 1;
    }

    public Map<String, Object> counts(DbExecute db, UUID dayAgoId) {
        Map<String, Object> stats = new LinkedHashMap<>();
        db.createGet("""
                        SELECT (SELECT count(*) FROM users) AS users,
                               (SELECT count(*) FROM users WHERE banned_at IS NOT NULL) AS banned,
                               (SELECT count(*) FROM messages WHERE id >= ?) AS messages_last_day,
                               (SELECT count(*) FROM posts WHERE id >= ?) AS posts_last_day,
                               (SELECT count(*) FROM reports WHERE status = 'open') AS open_reports,
                               (SELECT count(*) FROM outbox) AS outbox_pending,
                               (SELECT min(created_at) FROM outbox) AS outbox_oldest
                        """)
                .addParam(dayAgoId).addParam(dayAgoId).execute().ifPresent(r -> {
                    stats.put("users", Rows.longValue(r, "users"));
                    stats.put("bannedUsers", Rows.longValue(r, "banned"));
                    stats.put("messagesLastDay", Rows.longValue(r, "messages_last_day"));
                    stats.put("postsLastDay", Rows.longValue(r, "posts_last_day"));
                    stats.put("openReports", Rows.longValue(r, "open_reports"));
                    stats.put("outboxPending", Rows.longValue(r, "outbox_pending"));
                    Object oldest = Rows.raw(r, "outbox_oldest");
                    stats.put("outboxOldestAgeSeconds", oldest == null ? 0
                            : Math.max(0, Instant.now().getEpochSecond() - Rows.toInstant(oldest).getEpochSecond()));
                });
        return stats;
    }
}
