package dev.tangle.api.social;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/blocks}: block, unblock, list. */
public final class BlockHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final BlockService blocks;

    public BlockHttpService(TokenVerifier verifier, BlockService blocks) {
        this.verifier = verifier;
        this.blocks = blocks;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/blocks", this::block)
                .delete("/v1/blocks/{userId}", this::unblock)
                .get("/v1/blocks", this::list);
    }

    private void block(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        blocks.block(me.userId(), HttpJson.body(req).requiredId("userId"));
        HttpJson.noContent(res);
    }

    private void unblock(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        blocks.unblock(me.userId(), FriendHttpService.pathId(req, "userId", "Block"));
        HttpJson.noContent(res);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, blocks.blocked(me.userId(), PageRequest.from(req)));
    }
}
