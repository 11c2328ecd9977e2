package dev.tangle.api.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tangle.common.db.Database;
import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import io.helidon.dbclient.DbExecute;

/**
 * Appends security-relevant actions to {@code audit_log} (append-only; the database refuses updates and deletes)
 * and reads them back for operators. Call {@link #append(DbExecute, UUID, String, String, Object, Map)} inside the
 * action's own transaction where there is one, so the row commits with the action or not at all.
 */
@Repository
public final class AuditLog {

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** Appends in the caller's transaction; the origin is the current request's, if any. */
    public static void append(DbExecute tx, UUID actorId, String action, String targetKind, Object targetId,
                              Map<String, ?> detail) {
        RequestOrigin origin = RequestOrigin.current().orElse(new RequestOrigin(null, null));
        tx.createInsert("INSERT INTO audit_log (id, actor_id, action, target_kind, target_id, ip, user_agent, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))")
                .addParam(Ids.newId()).addParam(actorId).addParam(action).addParam(targetKind)
                .addParam(targetId == null ? null : targetId.toString()).addParam(origin.ip())
                .addParam(origin.userAgent()).addParam(Json.writeString(detail))
                .execute();
    }

    /** Appends on its own, for actions without a transaction of their own (a failed login). */
    public void append(UUID actorId, String action, String targetKind, Object targetId, Map<String, ?> detail) {
        append(db.client().execute(), actorId, action, targetKind, targetId, detail);
    }

    /** Filters for {@link #list}; each is optional. */
    public record Filter(Optional<String> action, Optional<UUID> actorId, Optional<String> targetId,
                         Optional<Instant> from, Optional<Instant> to) {
    }

    /** Newest first, before {@code beforeId}. */
    public List<AuditEntry> list(Filter filter, UUID beforeId, int rows) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, at, actor_id, action, target_kind, target_id, ip, user_agent, "
                + "detail::text AS detail FROM audit_log WHERE id < ?");
        params.add(beforeId);
        filter.action().ifPresent(a -> {
            sql.append(a.endsWith(".") ? " AND action LIKE ?" : " AND action = ?");
            params.add(a.endsWith(".") ? a.replace("%", "\\%").replace("_", "\\_") + "%" : a);
        });
        filter.actorId().ifPresent(a -> {
            sql.append(" AND actor_id = ?");
            params.add(a);
        });
        filter.targetId().ifPresent(t -> {
            sql.append(" AND target_id = ?");
            params.add(t);
        });
        filter.from().ifPresent(f -> {
            sql.append(" AND at >= ?");
            params.add(Rows.ts(f));
        });
        filter.to().ifPresent(t -> {
            sql.append(" AND at < ?");
            params.add(Rows.ts(t));
        });
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(rows);
        var query = db.client().execute().createQuery(sql.toString());
        params.forEach(query::addParam);
        return query.execute().map(r -> new AuditEntry(Rows.uuid(r, "id"), Rows.instant(r, "at"),
                Rows.optionalUuid(r, "actor_id").orElse(null), Rows.string(r, "action"),
                r.column("target_kind").getString(), r.column("target_id").getString(), r.column("ip").getString(),
                r.column("user_agent").getString(),
                Json.MAPPER.convertValue(Json.tree(Rows.string(r, "detail").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new TypeReference<Map<String, Object>>() { }))).toList();
    }
}
