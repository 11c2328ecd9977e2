package dev.tangle.api.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of reports. */
public final class ReportRepository {

    private static final String COLUMNS = "id, reporter_id, target_kind, target_id, reason, status, created_at, "
            + "handled_by, handled_at";

    /** Inserts, or returns the reporter's earlier report of the same target (one report per reporter and target). */
    public Report upsert(DbExecute tx, Report report) {
        tx.createInsert("INSERT INTO reports (id, reporter_id, target_kind, target_id, reason) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (reporter_id, target_kind, target_id) DO NOTHING")
                .addParam(report.id()).addParam(report.reporterId()).addParam(report.targetKind())
                .addParam(report.targetId()).addParam(report.reason()).execute();
        return tx.createGet("SELECT " + COLUMNS + " FROM reports WHERE reporter_id = ? AND target_kind = ? AND target_id = ?")
                .addParam(report.reporterId()).addParam(report.targetKind()).addParam(report.targetId())
                .execute().map(ReportRepository::report).orElseThrow();
    }

    /** Newest first, before {@code beforeId}, optionally of one status. */
    public List<Report> list(DbExecute db, Optional<String> status, UUID beforeId, int rows) {
        return db.createQuery("SELECT " + COLUMNS + " FROM reports WHERE id < ? AND (CAST(? AS text) IS NULL OR status = ?) "
                        + "ORDER BY id DESC LIMIT ?")
                .addParam(beforeId).addParam(status.orElse(null)).addParam(status.orElse(null)).addParam(rows)
                .execute().map(ReportRepository::report).toList();
    }

    public Optional<Report> setStatus(DbExecute tx, UUID id, String status, UUID handledBy) {
        return tx.createQuery("UPDATE reports SET status = ?, handled_by = ?, handled_at = now() WHERE id = ? "
                        + "RETURNING " + COLUMNS)
                .addParam(status).addParam(handledBy).addParam(id).execute().map(ReportRepository::report).findFirst();
    }

    private static Report report(DbRow r) {
        return new Report(Rows.uuid(r, "id"), Rows.uuid(r, "reporter_id"), Rows.string(r, "target_kind"),
                Rows.uuid(r, "target_id"), Rows.string(r, "reason"), Rows.string(r, "status"),
                Rows.instant(r, "created_at"), Rows.optionalUuid(r, "handled_by").orElse(null),
                Rows.raw(r, "handled_at") == null ? null : Rows.instant(r, "handled_at"));
    }
}
