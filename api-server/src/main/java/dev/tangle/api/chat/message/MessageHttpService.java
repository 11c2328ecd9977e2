package dev.tangle.api.chat.message;

import java.util.UUID;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.page.Page;
import dev.tangle.common.text.Emoji;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/conversations/{id}/messages/*}: send, history, edit, delete, reactions. */
public final class MessageHttpService implements HttpService {

    static final String BASE = "/v1/conversations/{id}/messages";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final TokenVerifier verifier;
    private final MessageService messages;

    public MessageHttpService(TokenVerifier verifier, MessageService messages) {
        this.verifier = verifier;
        this.messages = messages;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post(BASE, this::send)
                .get(BASE, this::history)
                .patch(BASE + "/{messageId}", this::edit)
                .delete(BASE + "/{messageId}", this::delete)
                .get(BASE + "/{messageId}/edits", this::edits)
                .put(BASE + "/{messageId}/reactions/{emoji}", (req, res) -> react(req, res, true))
                .delete(BASE + "/{messageId}/reactions/{emoji}", (req, res) -> react(req, res, false));
    }

    private void send(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID conversationId = pathId(req, "id", "Conversation");
        SendResult result = messages.send(SendCommand.parse(me, conversationId, HttpJson.body(req)));
        HttpJson.send(res, result.created() ? 201 : 200,
                MessageAttachments.message(messages.mediaValidator(), result.message()));
    }

    private void history(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID conversationId = pathId(req, "id", "Conversation");
        UUID threadRootId = req.query().contains("threadRootId") ? Ids.parse(req.query().get("threadRootId"))
                .orElseThrow(() -> Problems.validation("threadRootId", "is not a valid id")) : null;
        Long afterSeq = queryLong(req, "afterSeq", 0, Long.MAX_VALUE);
        Long beforeSeq = queryLong(req, "beforeSeq", 1, Long.MAX_VALUE);
        Long limit = queryLong(req, "limit", 1, MAX_LIMIT);
        MessageService.History page = messages.history(me, conversationId, threadRootId, afterSeq, beforeSeq,
                limit == null ? DEFAULT_LIMIT : limit.intValue());
        HttpJson.ok(res, MessageAttachments.history(messages.mediaValidator(), page, page.items(),
                page.hasMore()));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        UUID conversationId = pathId(req, "id", "Conversation");
        UUID messageId = pathId(req, "messageId", "Message");
        JsonBody body = HttpJson.body(req);
        String text = body.optionalText("text", SendCommand.MAX_TEXT_BYTES)
                .filter(t -> !t.isEmpty()).orElseThrow(() -> body.error("text", "is required"));
        HttpJson.ok(res, messages.edit(me, conversationId, messageId, text));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        messages.delete(me, pathId(req, "id", "Conversation"), pathId(req, "messageId", "Message"));
        HttpJson.noContent(res);
    }

    private void edits(ServerRequest req, ServerResponse res) {
        UUID me = Authn.require(req, verifier).userId();
        var items = messages.edits(me, pathId(req, "id", "Conversation"), pathId(req, "messageId", "Message"));
        HttpJson.ok(res, new Page<>(items, null));
    }

    private void react(ServerRequest req, ServerResponse res, boolean add) {
        UUID me = Authn.require(req, verifier).userId();
        UUID conversationId = pathId(req, "id", "Conversation");
        UUID messageId = pathId(req, "messageId", "Message");
        String emoji = req.path().pathParameters().get("emoji");
        if (!Emoji.isSingleEmoji(emoji)) {
            throw Problems.validation("emoji", "must be a single emoji");
        }
        messages.react(me, conversationId, messageId, emoji, add);
        HttpJson.noContent(res);
    }

    static UUID pathId(ServerRequest req, String name, String what) {
        return Ids.parse(req.path().pathParameters().get(name)).orElseThrow(() -> Problems.notFound(what));
    }

    static Long queryLong(ServerRequest req, String name, long min, long max) {
        if (!req.query().contains(name)) {
            return null;
        }
        try {
            long value = Long.parseLong(req.query().get(name));
            if (value < min || value > max) {
                throw Problems.validation(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problems.validation(name, "must be a whole number");
        }
    }
}
