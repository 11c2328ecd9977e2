package dev.tangle.api.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code /v1/webhooks}: register, list, change, delete; deliveries and replay of dead ones (docs/api.md). */
public final class WebhookHttpService implements HttpService {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");

    private final TokenVerifier verifier;
    private final WebhookService webhooks;

    public WebhookHttpService(TokenVerifier verifier, WebhookService webhooks) {
        this.verifier = verifier;
        this.webhooks = webhooks;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/webhooks", this::create)
                .get("/v1/webhooks", this::list)
                .get("/v1/webhooks/{id}", this::get)
                .patch("/v1/webhooks/{id}", this::update)
                .delete("/v1/webhooks/{id}", this::delete)
                .get("/v1/webhooks/{id}/deliveries", this::deliveries)
                .post("/v1/webhooks/{id}/deliveries/{deliveryId}/replay", this::replay);
    }

    private UUID me(ServerRequest req) {
        return Authn.require(req, verifier).userId();
    }

    private static UUID id(ServerRequest req, String name) {
        return Ids.parse(req.path().pathParameters().get(name))
                .orElseThrow(() -> Problems.validation(name, "must be an id"));
    }

    private static List<String> events(JsonBody body, JsonNode node) {
        if (!node.isArray()) {
            throw Problems.validation("events", "must be an array of event names");
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw Problems.validation("events[" + i + "]", "must be a string");
            }
            events.add(node.get(i).asText());
        }
        return events;
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = me(req);
        JsonBody body = HttpJson.body(req);
        String url = body.requiredString("url", 1, 2000);
        List<String> events = events(body, body.node().path("events"));
        String secret = body.optionalString("secret", 1, 200).orElse(null);
        UUID groupId = body.optionalId("groupId").orElse(null);
        HttpJson.created(res, webhooks.create(me, new WebhookService.Registration(url, events, secret, groupId)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        HttpJson.ok(res, new Page<>(webhooks.mine(me(req)), null));
    }

    private void get(ServerRequest req, ServerResponse res) {
        HttpJson.ok(res, webhooks.get(me(req), id(req, "id")));
    }

    private void update(ServerRequest req, ServerResponse res) {
        UUID me = me(req);
        UUID id = id(req, "id");
        JsonBody body = HttpJson.body(req);
        Optional<String> url = body.optionalString("url", 1, 2000);
        Optional<List<String>> events = body.node().has("events")
                ? Optional.of(events(body, body.node().path("events"))) : Optional.empty();
        HttpJson.ok(res, webhooks.update(me, id, url, events, body.optionalBoolean("active")));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        webhooks.delete(me(req), id(req, "id"));
        HttpJson.noContent(res);
    }

    private void deliveries(ServerRequest req, ServerResponse res) {
        UUID me = me(req);
        Optional<String> status = req.query().contains("status") ? Optional.of(req.query().get("status")) : Optional.empty();
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw Problems.validation("status", "must be pending, delivered or dead");
        }
        HttpJson.ok(res, webhooks.deliveries(me, id(req, "id"), status, PageRequest.from(req)));
    }

    private void replay(ServerRequest req, ServerResponse res) {
        webhooks.replay(me(req), id(req, "id"), id(req, "deliveryId"));
        HttpJson.noContent(res);
    }
}
