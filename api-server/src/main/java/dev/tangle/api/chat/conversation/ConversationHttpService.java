package dev.tangle.api.chat.conversation;

import java.util.UUID;

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

/** {@code /v1/conversations}: create, list, read, rename, members. */
public final class ConversationHttpService implements HttpService {

    private static final int MAX_TITLE = 100;
    private static final int MAX_MEMBERS = 256;

    private final TokenVerifier verifier;
    private final ConversationService conversations;

    public ConversationHttpService(TokenVerifier verifier, ConversationService conversations) {
        this.verifier = verifier;
        this.conversations = conversations;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/conversations", this::create)
                .get("/v1/conversations", this::list)
                .get("/v1/conversations/{id}", this::get)
                .patch("/v1/conversations/{id}", this::rename)
                .post("/v1/conversations/{id}/members", this::addMember)
                .delete("/v1/conversations/{id}/members/{userId}", this::removeMember);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        JsonBody body = HttpJson.body(req);
        ConversationKind kind = body.requiredEnum("kind", ConversationKind.class);
        switch (kind) {
            case DIRECT -> {
                var result = conversations.createDirect(me, body.requiredId("userId"));
                HttpJson.send(res, result.created() ? 201 : 200, result.conversation());
            }
            case CHANNEL -> HttpJson.created(res, conversations.createChannel(me, body.requiredId("groupId"),
                    body.requiredString("title", 1, MAX_TITLE)));
            case GROUP, CANVAS -> HttpJson.created(res, conversations.createAdHoc(me, kind,
                    body.optionalString("title", 0, MAX_TITLE).orElse(null), body.idList("memberIds", MAX_MEMBERS)));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, conversations.list(me, PageRequest.from(req)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        HttpJson.ok(res, conversations.get(me, pathId(req, "id", "Conversation")));
    }

    private void rename(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = pathId(req, "id", "Conversation");
        HttpJson.ok(res, conversations.rename(me, id, HttpJson.body(req).requiredString("title", 1, MAX_TITLE)));
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID id = pathId(req, "id", "Conversation");
        HttpJson.ok(res, conversations.addMember(me, id, HttpJson.body(req).requiredId("userId")));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        conversations.removeMember(me, pathId(req, "id", "Conversation"), pathId(req, "userId", "Member"));
        HttpJson.noContent(res);
    }

    private static UUID pathId(ServerRequest req, String name, String what) {
        return Ids.parse(req.path().pathParameters().get(name)).orElseThrow(() -> Problems.notFound(what));
    }
}
