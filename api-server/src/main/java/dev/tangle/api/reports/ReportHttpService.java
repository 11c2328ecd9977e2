package dev.tangle.api.reports;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/reports {targetKind, targetId, reason}} → 201 report. */
public final class ReportHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final ReportService reports;

    public ReportHttpService(TokenVerifier verifier, ReportService reports) {
        this.verifier = verifier;
        this.reports = reports;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).post("/v1/reports", this::create);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req);
        String kind = body.requiredString("targetKind", 1, 16);
        if (!ReportService.KINDS.contains(kind)) {
            throw Problems.validation("targetKind", "must be one of user, post, comment, message, group");
        }
        UUID target = body.requiredId("targetId");
        String reason = body.requiredString("reason", 1, 2000);
        HttpJson.created(res, reports.report(me, kind, target, reason));
    }
}
