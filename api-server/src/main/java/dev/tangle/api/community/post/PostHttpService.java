package dev.tangle.api.community.post;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/posts} and {@code /v1/posts/{id}}. */
public final class PostHttpService implements HttpService {

    /** Text limit: 32 KiB of UTF-8. */
    public static final int MAX_TEXT_BYTES = 32 * 1024;
    static final int MAX_MEDIA = 10;
    static final int MAX_PLACE_NAME = 200;

    /** Text formats. */
    enum Format { PLAIN, MARKDOWN }

    /** Location precision a client may ask for. */
    enum Precision { EXACT, APPROXIMATE }

    private final TokenVerifier verifier;
    private final PostService posts;

    public PostHttpService(TokenVerifier verifier, PostService posts) {
        this.verifier = verifier;
        this.posts = posts;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/posts", this::create)
                .get("/v1/posts/{id}", this::get)
                .patch("/v1/posts/{id}", this::edit)
                .delete("/v1/posts/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.created(res, posts.create(me, newPost(HttpJson.body(req))));
    }

    private void get(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, posts.get(me, postId(req)));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = postId(req);
        JsonBody body = HttpJson.body(req);
        String text = body.optionalText("text", MAX_TEXT_BYTES).orElseThrow(() -> body.error("text", "is required"));
        HttpJson.ok(res, posts.edit(me, id, text, format(body).orElse(null)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        posts.delete(me, postId(req));
        HttpJson.noContent(res);
    }

    static NewPost newPost(JsonBody body) {
        Visibility visibility = body.requiredEnum("visibility", Visibility.class);
        Optional<UUID> groupId = body.optionalId("groupId");
        if (visibility == Visibility.GROUP && groupId.isEmpty()) {
            throw body.error("groupId", "is required for a group post");
        }
        if (visibility != Visibility.GROUP && groupId.isPresent()) {
            throw body.error("groupId", "is only allowed with visibility group");
        }
        List<UUID> mediaIds = body.idList("mediaIds", MAX_MEDIA);
        String text = body.optionalText("text", MAX_TEXT_BYTES).orElse("");
        if (text.isBlank() && mediaIds.isEmpty()) {
            throw body.error("text", "is required unless media are attached");
        }
        Location location = body.optionalObject("location").map(PostHttpService::location).orElse(null);
        return new NewPost(text, format(body).orElse("plain"), visibility, groupId.orElse(null), mediaIds, location);
    }

    private static Location location(JsonBody l) {
        double lat = l.requiredDouble("lat", -90, 90);
        double lon = l.requiredDouble("lon", -180, 180);
        String name = l.optionalString("name", 1, MAX_PLACE_NAME).orElse(null);
        boolean approximate = l.optionalEnum("precision", Precision.class).orElse(Precision.EXACT) == Precision.APPROXIMATE;
        return Location.of(lat, lon, name, approximate);
    }

    private static Optional<String> format(JsonBody body) {
        return body.optionalEnum("format", Format.class).map(f -> f.name().toLowerCase());
    }

    /** A malformed id in the path is 404, like an unknown one. */
    public static UUID pathId(ServerRequest req, String what) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound(what));
    }

    private static UUID postId(ServerRequest req) {
        return pathId(req, "Post");
    }
}
