package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.frames.FrameException;
import io.nats.client.Connection;

/**
 * Requests to api-server over NATS ({@code tangle.svc.chat.*}, {@code tangle.svc.social.*}). A reply
 * {@code {ok:false, error:{code, detail}}} becomes a {@link FrameException} with that code; no answer in time
 * becomes {@code unavailable}.
 */
public final class ChatClient {

    /** Largest history page api-server serves. */
    public static final int HISTORY_PAGE = 500;

    private final Connection nats;
    private final Duration timeout;

    public ChatClient(Connection nats, Duration timeout) {
        this.nats = nats;
        this.timeout = timeout;
    }

    /** An asynchronous request; the future fails with {@link FrameException}. */
    public CompletableFuture<JsonNode> request(String service, String op, ObjectNode body) {
        return nats.requestWithTimeout(Subjects.service(service, op), Json.write(body), timeout)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw new FrameException("unavailable", null, "The " + service + " service did not answer");
                    }
                    JsonNode tree = Json.tree(reply.getData());
                    if (!tree.path("ok").asBoolean(false)) {
                        JsonNode error = tree.path("error");
                        throw new FrameException(error.path("code").asText("internal_error"), null,
                                error.path("detail").asText("The request failed"));
                    }
                    return tree;
                });
    }

    /** A blocking request (call on a virtual thread). */
    public JsonNode call(String service, String op, ObjectNode body) {
        try {
            return request(service, op, body).get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof FrameException fe ? fe
                    : new FrameException("unavailable", null, "The " + service + " service did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrameException("unavailable", null, "Interrupted");
        }
    }

    public static ObjectNode body(UUID userId) {
        return Json.MAPPER.createObjectNode().put("userId", userId.toString());
    }

    /** The conversations a user belongs to. */
    public List<UUID> memberships(UUID userId) {
        return ids(call("chat", "memberships", body(userId)).path("conversationIds"));
    }

    /** The user's friends, for presence. */
    public List<UUID> friends(UUID userId) {
        return ids(call("social", "friends", body(userId)).path("friendIds"));
    }

    /** One page of messages after {@code afterSeq}, ascending. */
    public JsonNode history(UUID userId, UUID conversationId, long afterSeq) {
        return call("chat", "history", body(userId).put("conversationId", conversationId.toString())
                .put("afterSeq", afterSeq).put("limit", HISTORY_PAGE));
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>(array.size());
        array.forEach(n -> ids.add(UUID.fromString(n.asText())));
        return ids;
    }
}
