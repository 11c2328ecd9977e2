package dev.tangle.api.community.comment;

import java.util.UUID;

import dev.tangle.api.community.post.PostHttpService;
import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/posts/{id}/comments} and {@code /v1/comments/{id}}. */
public final class CommentHttpService implements HttpService {

    static final int MAX_TEXT_BYTES = 8 * 1024;
    static final int DEFAULT_LEVELS = 2;
    static final int MAX_LEVELS = 10;
    static final int DEFAULT_REPLY_LIMIT = 10;
    static final int MAX_REPLY_LIMIT = 100;

    private final TokenVerifier verifier;
    private final CommentService comments;

    public CommentHttpService(TokenVerifier verifier, CommentService comments) {
        this.verifier = verifier;
        this.comments = comments;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/posts/{id}/comments", this::create)
                .get("/v1/posts/{id}/comments", this::list)
                .patch("/v1/comments/{id}", this::edit)
                .delete("/v1/comments/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID postId = PostHttpService.pathId(req, "Post");
        JsonBody body = HttpJson.body(req);
        String text = text(body);
        HttpJson.created(res, comments.create(me, postId, body.optionalId("parentId").orElse(null), text));
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID postId = PostHttpService.pathId(req, "Post");
        UUID parentId = null;
        if (req.query().contains("parentId") && !req.query().get("parentId").isBlank()) {
            parentId = Ids.parse(req.query().get("parentId"))
                    .orElseThrow(() -> Problems.validation("parentId", "is not a valid id"));
        }
        int levels = intParam(req, "depth", DEFAULT_LEVELS, 0, MAX_LEVELS);
        int replyLimit = intParam(req, "replyLimit", DEFAULT_REPLY_LIMIT, 1, MAX_REPLY_LIMIT);
        HttpJson.ok(res, comments.list(me, postId, parentId, PageRequest.from(req), levels, replyLimit));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = PostHttpService.pathId(req, "Comment");
        HttpJson.ok(res, comments.edit(me, id, text(HttpJson.body(req))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        comments.delete(me, PostHttpService.pathId(req, "Comment"));
        HttpJson.noContent(res);
    }

    private static String text(JsonBody body) {
        String text = body.optionalText("text", MAX_TEXT_BYTES).orElse("");
        if (text.isBlank()) {
            throw body.error("text", "is required");
        }
        return text;
    }

    private static int intParam(ServerRequest req, String name, int defaultValue, int min, int max) {
        if (!req.query().contains(name)) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(req.query().get(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw Problems.validation(name, "must be a whole number from " + min + " to " + max);
    }
}
