package dev.tangle.api.community.feed;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/feed}, {@code GET /v1/users/{id}/posts}, {@code GET /v1/groups/{id}/posts}. */
public final class FeedHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final FeedService feeds;

    public FeedHttpService(TokenVerifier verifier, FeedService feeds) {
        this.verifier = verifier;
        this.feeds = feeds;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .get("/v1/feed", this::home)
                .get("/v1/users/{id}/posts", this::profile)
                .get("/v1/groups/{id}/posts", this::group);
    }

    private void home(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, feeds.home(me, PageRequest.from(req)));
    }

    private void profile(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, feeds.profile(me, id(req, "User"), PageRequest.from(req)));
    }

    private void group(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, feeds.group(me, id(req, "Group"), PageRequest.from(req)));
    }

    private static UUID id(ServerRequest req, String what) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound(what));
    }
}
