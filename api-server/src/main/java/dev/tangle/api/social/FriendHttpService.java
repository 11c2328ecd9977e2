package dev.tangle.api.social;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.Principal;
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

/** {@code /v1/friends/*}: requests, friends. */
public final class FriendHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final FriendService friends;

    public FriendHttpService(TokenVerifier verifier, FriendService friends) {
        this.verifier = verifier;
        this.friends = friends;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/friends/requests", this::request)
                .get("/v1/friends/requests", this::pending)
                .post("/v1/friends/requests/{id}/accept", this::accept)
                .post("/v1/friends/requests/{id}/decline", this::decline)
                .delete("/v1/friends/requests/{id}", this::cancel)
                .get("/v1/friends", this::list)
                .delete("/v1/friends/{userId}", this::unfriend);
    }

    private void request(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        UUID target = HttpJson.body(req).requiredId("userId");
        FriendService.Sent sent = friends.request(me.userId(), target);
        HttpJson.send(res, sent.accepted() ? 200 : 201, sent.request());
    }

    private void pending(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        String direction = req.query().contains("direction") ? req.query().get("direction") : "incoming";
        if (!direction.equals("incoming") && !direction.equals("outgoing")) {
            throw Problems.validation("direction", "must be one of incoming, outgoing");
        }
        HttpJson.ok(res, friends.pending(me.userId(), direction.equals("incoming"), PageRequest.from(req)));
    }

    private void accept(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, friends.accept(me.userId(), pathId(req, "id", "Friend request")));
    }

    private void decline(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, friends.decline(me.userId(), pathId(req, "id", "Friend request")));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        friends.cancel(me.userId(), pathId(req, "id", "Friend request"));
        HttpJson.noContent(res);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, friends.friends(me.userId(), PageRequest.from(req)));
    }

    private void unfriend(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        friends.unfriend(me.userId(), pathId(req, "userId", "Friend"));
        HttpJson.noContent(res);
    }

    /** A path id; a malformed one is 404 like an unknown one. */
    static UUID pathId(ServerRequest req, String name, String what) {
        return Ids.parse(req.path().pathParameters().get(name)).orElseThrow(() -> Problems.notFound(what));
    }
}
