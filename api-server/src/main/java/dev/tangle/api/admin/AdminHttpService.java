package dev.tangle.api.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.api.audit.AuditEntry;
import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.reports.ReportService;
import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /v1/admin/*}, for operators only (everyone else gets 404): bans, session kills, content deletion, the
 * report queue, the audit log and system figures. docs/api.md "Admin".
 */
public final class AdminHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final AdminService admin;
    private final ReportService reports;
    private final AuditLog audit;

    public AdminHttpService(TokenVerifier verifier, AdminService admin, ReportService reports, AuditLog audit) {
        this.verifier = verifier;
        this.admin = admin;
        this.reports = reports;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/admin/users/{id}/ban", (req, res) -> ban(req, res, true))
                .delete("/v1/admin/users/{id}/ban", (req, res) -> ban(req, res, false))
                .post("/v1/admin/users/{id}/sessions/revoke", this::killSessions)
                .delete("/v1/admin/content/{kind}/{id}", this::deleteContent)
                .get("/v1/admin/reports", this::listReports)
                .patch("/v1/admin/reports/{id}", this::handleReport)
                .get("/v1/admin/audit", this::listAudit)
                .get("/v1/admin/stats", this::stats);
    }

    private UUID operator(ServerRequest req) {
        UUID me = Authn.require(req, verifier).userId();
        admin.requireOperator(me);
        return me;
    }

    private static UUID id(ServerRequest req, String name) {
        return Ids.parse(req.path().pathParameters().get(name))
                .orElseThrow(() -> Problems.validation(name, "must be an id"));
    }

    private void ban(ServerRequest req, ServerResponse res, boolean banned) {
        UUID me = operator(req);
        String reason = null;
        if (banned && req.content().hasEntity()) {
            reason = HttpJson.body(req).optionalString("reason", 1, 500).orElse(null);
        }
        admin.ban(me, id(req, "id"), reason, banned);
        HttpJson.noContent(res);
    }

    private void killSessions(ServerRequest req, ServerResponse res) {
        admin.killSessions(operator(req), id(req, "id"));
        HttpJson.noContent(res);
    }

    private void deleteContent(ServerRequest req, ServerResponse res) {
        UUID me = operator(req);
        admin.deleteContent(me, req.path().pathParameters().get("kind"), id(req, "id"));
        HttpJson.noContent(res);
    }

    private void listReports(ServerRequest req, ServerResponse res) {
        operator(req);
        Optional<String> status = req.query().contains("status") ? Optional.of(req.query().get("status")) : Optional.empty();
        if (status.isPresent() && !ReportService.STATUSES.contains(status.get())) {
            throw Problems.validation("status", "must be open, resolved or dismissed");
        }
        HttpJson.ok(res, reports.list(status, PageRequest.from(req)));
    }

    private void handleReport(ServerRequest req, ServerResponse res) {
        UUID me = operator(req);
        UUID id = id(req, "id");
        JsonBody body = HttpJson.body(req);
        String status = body.requiredString("status", 1, 16);
        if (!status.equals("resolved") && !status.equals("dismissed")) {
            throw Problems.validation("status", "must be resolved or dismissed");
        }
        HttpJson.ok(res, reports.handle(me, id, status));
    }

    private void listAudit(ServerRequest req, ServerResponse res) {
        operator(req);
        var q = req.query();
        PageRequest page = PageRequest.from(req);
        UUID before = page.keys(1).map(k -> Ids.parse(k.getFirst())
                .orElseThrow(() -> Problems.validation("cursor", "is not a valid cursor"))).orElse(new UUID(-1L, -1L));
        Optional<UUID> actor = Optional.empty();
        if (q.contains("actorId")) {
            actor = Optional.of(Ids.parse(q.get("actorId")).orElseThrow(() -> Problems.validation("actorId", "must be an id")));
        }
        var filter = new AuditLog.Filter(q.contains("action") ? Optional.of(q.get("action")) : Optional.empty(), actor,
                q.contains("targetId") ? Optional.of(q.get("targetId")) : Optional.empty(), time(req, "from"), time(req, "to"));
        HttpJson.ok(res, Page.of(audit.list(filter, before, page.fetchSize()), page,
                (AuditEntry e) -> java.util.List.of(e.id().toString())));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        HttpJson.ok(res, admin.stats(operator(req)));
    }

    private static Optional<Instant> time(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(req.query().get(name)));
        } catch (DateTimeParseException e) {
            throw Problems.validation(name, "must be an ISO-8601 UTC time");
        }
    }
}
