package dev.tangle.api.chat.read;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.page.Page;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Read markers, receipts and {@code /v1/chat/settings}. */
public final class ReadHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final ReadService reads;

    public ReadHttpService(TokenVerifier verifier, ReadService reads) {
        this.verifier = verifier;
        this.reads = reads;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/conversations/{id}/read", this::read)
                .get("/v1/conversations/{id}/receipts", this::receipts)
                .get("/v1/chat/settings", (req, res) -> HttpJson.ok(res, reads.settings(Authn.require(req, verifier).userId())))
                .patch("/v1/chat/settings", this::updateSettings);
    }

    private void read(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = conversationId(req);
        JsonBody body = HttpJson.body(req);
        reads.markRead(me, id, body.requiredLong("seq", 0, Long.MAX_VALUE), body.optionalBoolean("force").orElse(false),
                body.optionalId("threadRootId").orElse(null));
        HttpJson.noContent(res);
    }

    private void receipts(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, new Page<>(reads.receipts(me, conversationId(req)), null));
    }

    private void updateSettings(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req);
        boolean hide = body.optionalBoolean("hideReadReceipts")
                .orElseThrow(() -> body.error("hideReadReceipts", "is required"));
        HttpJson.ok(res, reads.hideReceipts(me, hide));
    }

    private static UUID conversationId(ServerRequest req) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound("Conversation"));
    }
}
