package dev.tangle.api.community.reaction;

import java.util.UUID;

import dev.tangle.api.community.post.PostHttpService;
import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.text.Emoji;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code PUT|DELETE /v1/posts/{id}/reactions/{emoji}} and {@code /v1/comments/{id}/reactions/{emoji}} (the emoji
 * URL-encoded). Both are idempotent and answer 200 with the target's {@code {counts, mine}}.
 */
public final class ReactionHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final ReactionService reactions;

    public ReactionHttpService(TokenVerifier verifier, ReactionService reactions) {
        this.verifier = verifier;
        this.reactions = reactions;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .put("/v1/posts/{id}/reactions/{emoji}", (req, res) -> onPost(req, res, true))
                .delete("/v1/posts/{id}/reactions/{emoji}", (req, res) -> onPost(req, res, false))
                .put("/v1/comments/{id}/reactions/{emoji}", (req, res) -> onComment(req, res, true))
                .delete("/v1/comments/{id}/reactions/{emoji}", (req, res) -> onComment(req, res, false));
    }

    private void onPost(ServerRequest req, ServerResponse res, boolean add) {
        UUID me = Authn.require(req, verifier).userId();
        UUID postId = PostHttpService.pathId(req, "Post");
        HttpJson.ok(res, reactions.onPost(me, postId, emoji(req), add));
    }

    private void onComment(ServerRequest req, ServerResponse res, boolean add) {
        UUID me = Authn.require(req, verifier).userId();
        UUID commentId = PostHttpService.pathId(req, "Comment");
        HttpJson.ok(res, reactions.onComment(me, commentId, emoji(req), add));
    }

    private static String emoji(ServerRequest req) {
        String emoji = req.path().pathParameters().get("emoji");
        if (!Emoji.isSingleEmoji(emoji)) {
            throw Problems.validation("emoji", "must be a single emoji");
        }
        return emoji;
    }
}
