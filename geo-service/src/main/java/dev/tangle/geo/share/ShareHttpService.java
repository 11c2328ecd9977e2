package dev.tangle.geo.share;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.geo.support.Paths;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/location/shares}: start, list, extend/change/pause, stop, and who viewed. */
public final class ShareHttpService implements HttpService {

    private static final Set<String> CREATE = Set.of("userIds", "conversationId", "groupId", "durationMinutes", "precision");
    private static final Set<String> PATCH = Set.of("durationMinutes", "precision", "paused");

    private final TokenVerifier verifier;
    private final ShareService shares;

    public ShareHttpService(TokenVerifier verifier, ShareService shares) {
        this.verifier = verifier;
        this.shares = shares;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/location/shares", this::create)
                .get("/v1/location/shares", this::list)
                .get("/v1/location/shares/{id}", this::get)
                .patch("/v1/location/shares/{id}", this::patch)
                .delete("/v1/location/shares/{id}", this::stop)
                .get("/v1/location/shares/{id}/viewers", this::viewers);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req).onlyFields(CREATE);
        List<UUID> userIds = body.has("userIds") ? body.idList("userIds", 500) : null;
        UUID conversationId = body.optionalId("conversationId").orElse(null);
        UUID groupId = body.optionalId("groupId").orElse(null);
        int count = (userIds != null && !userIds.isEmpty() ? 1 : 0) + (conversationId != null ? 1 : 0) + (groupId != null ? 1 : 0);
        if (count != 1) {
            throw Problems.validation("userIds", "give exactly one audience: userIds (non-empty), conversationId or groupId");
        }
        int minutes = (int) body.requiredLong("durationMinutes", ShareService.MIN_MINUTES, ShareService.MAX_MINUTES);
        Precision precision = precision(body).orElseThrow(() -> Problems.validation("precision", "is required: exact or approximate"));
        Share share = shares.create(me, new ShareService.NewShare(userIds, conversationId, groupId, minutes, precision));
        HttpJson.created(res, share.view(Instant.now()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        Map<String, List<Share>> lists = shares.list(me);
        Instant now = Instant.now();
        var items = new java.util.ArrayList<Map<String, Object>>();
        lists.get("mine").forEach(s -> items.add(s.view(now)));
        lists.get("sharedWithMe").forEach(s -> items.add(s.view(now)));
        HttpJson.ok(res, dev.tangle.geo.support.GeoEvents.data("items", items, "nextCursor", null));
    }

    private void get(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, shares.get(me, Paths.id(req, "id", "Share")).view(Instant.now()));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = Paths.id(req, "id", "Share");
        JsonBody body = HttpJson.body(req).onlyFields(PATCH);
        Optional<Integer> minutes = body.optionalLong("durationMinutes", ShareService.MIN_MINUTES, ShareService.MAX_MINUTES)
                .map(Long::intValue);
        Share share = shares.patch(me, id, minutes, precision(body), body.optionalBoolean("paused"));
        HttpJson.ok(res, share.view(Instant.now()));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        shares.stop(me, Paths.id(req, "id", "Share"));
        HttpJson.noContent(res);
    }

    private void viewers(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, dev.tangle.geo.support.GeoEvents.data("items", shares.viewers(me, Paths.id(req, "id", "Share")), "nextCursor", null));
    }

    private static Optional<Precision> precision(JsonBody body) {
        return body.optionalString("precision", 1, 20).map(p -> switch (p) {
            case "exact" -> Precision.EXACT;
            case "approximate" -> Precision.APPROXIMATE;
            default -> throw Problems.validation("precision", "must be exact or approximate");
        });
    }
}
