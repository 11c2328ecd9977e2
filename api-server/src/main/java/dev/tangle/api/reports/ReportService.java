package dev.tangle.api.reports;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;

/**
 * Reports land in the operators' queue. A user reports what they can name; the report never tells whether the
 * target exists (no oracle), and a second report of the same target by the same user returns the first.
 */
public final class ReportService {

    public static final Set<String> KINDS = Set.of("user", "post", "comment", "message", "group");
    public static final Set<String> STATUSES = Set.of("open", "resolved", "dismissed");

    private final Database db;
    private final ReportRepository reports;

    public ReportService(Database db, ReportRepository reports) {
        this.db = db;
        this.reports = reports;
    }

    public Report report(UUID me, String kind, UUID targetId, String reason) {
        return db.inTransaction(tx -> reports.upsert(tx,
                new Report(Ids.newId(), me, kind, targetId, reason, "open", null, null, null)));
    }

    /** For operators (the caller checked). */
    public Page<Report> list(Optional<String> status, PageRequest page) {
        UUID before = page.keys(1).map(k -> Ids.parse(k.getFirst())
                .orElseThrow(() -> Problems.validation("cursor", "is not a valid cursor"))).orElse(new UUID(-1L, -1L));
        return Page.of(reports.list(db.client().execute(), status, before, page.fetchSize()), page,
                r -> java.util.List.of(r.id().toString()));
    }

    /** For operators (the caller checked): resolve or dismiss, audited. */
    public Report handle(UUID operator, UUID id, String status) {
        return db.inTransaction(tx -> {
            Report r = reports.setStatus(tx, id, status, operator).orElseThrow(() -> Problems.notFound("Report"));
            AuditLog.append(tx, operator, "admin.report_" + status, "report", id,
                    Map.of("targetKind", r.targetKind(), "targetId", r.targetId()));
            return r;
        });
    }
}
