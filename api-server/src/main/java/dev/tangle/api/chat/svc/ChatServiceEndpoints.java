package dev.tangle.api.chat.svc;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.api.chat.message.MessageService;
import dev.tangle.api.chat.message.SendCommand;
import dev.tangle.api.chat.message.SendResult;
import dev.tangle.api.chat.read.ReadService;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.nats.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * The {@code tangle.svc.chat.*} request/reply services socket-server calls, answered in the queue group
 * {@code api-server} so instances share them. The acting user is the request's {@code userId} (socket-server took
 * it from a verified token); every request is authorized exactly like the REST endpoint it mirrors, and every
 * failure, malformed requests included, is an {@code {ok:false, error}} reply.
 */
public final class ChatServiceEndpoints implements AutoCloseable {

    public static final String QUEUE = "api-server";
    public static final int MAX_HISTORY = 500;
    private static final System.Logger LOG = System.getLogger(ChatServiceEndpoints.class.getName());

    private final Connection connection;
    private final MessageService messages;
    private final ConversationService conversations;
    private final ReadService reads;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;
    private final Dispatcher dispatcher;

    public ChatServiceEndpoints(Connection connection, MessageService messages, ConversationService conversations,
                                ReadService reads, int maxInFlight) {
        this.connection = connection;
        this.messages = messages;
        this.conversations = conversations;
        this.reads = reads;
        this.inFlight = new Semaphore(maxInFlight);
        this.dispatcher = connection.createDispatcher();
        subscribe("send", this::send);
        subscribe("history", this::history);
        subscribe("memberships", this::memberships);
        subscribe("members", this::members);
        subscribe("read", this::read);
    }

    private void subscribe(String op, Function<JsonBody, Map<String, Object>> handler) {
        dispatcher.subscribe(Subjects.service("chat", op), QUEUE, msg -> {
            inFlight.acquireUninterruptibly();
            executor.execute(() -> {
                try {
                    reply(msg, answer(msg.getData(), handler));
                } finally {
                    inFlight.release();
                }
            });
        });
    }

    /** Runs a handler on a request body; any failure becomes an error reply. */
    static Map<String, Object> answer(byte[] request, Function<JsonBody, Map<String, Object>> handler) {
        try {
            JsonNode tree;
            try {
                tree = Json.MAPPER.readTree(request == null ? new byte[0] : request);
            } catch (IOException e) {
                throw Problems.malformedJson("Request is not valid JSON");
            }
            if (tree == null || tree.isMissingNode()) {
                throw Problems.malformedJson("Request is empty");
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("ok", true);
            reply.putAll(handler.apply(JsonBody.of(tree)));
            return reply;
        } catch (ApiException e) {
            return error(e);
        } catch (RuntimeException e) {
            var known = dev.tangle.common.db.DbFailures.asProblem(e);
            if (known.isPresent()) {
                return error(known.get());
            }
            LOG.log(Level.ERROR, "chat service request failed", e);
            return error(new ApiException(500, "internal", "Internal error", "The request could not be completed"));
        }
    }

    private static Map<String, Object> error(ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", e.status());
        error.put("code", e.code());
        error.put("detail", e.detail());
        if (!e.fieldErrors().isEmpty()) {
            error.put("errors", e.fieldErrors());
        }
        if (e.headers().containsKey("Retry-After")) {
            error.put("retryAfterSeconds", Long.parseLong(e.headers().get("Retry-After")));
        }
        return Map.of("ok", false, "error", error);
    }

    private void reply(Message request, Map<String, Object> body) {
        if (request.getReplyTo() != null) {
            connection.publish(request.getReplyTo(), Json.write(body));
        }
    }

    private Map<String, Object> send(JsonBody body) {
        UUID userId = body.requiredId("userId");
        SendResult result = messages.send(SendCommand.parse(userId, body.requiredId("conversationId"), body));
        return Map.of("created", result.created(), "message", result.message());
    }

    private Map<String, Object> history(JsonBody body) {
        UUID userId = body.requiredId("userId");
        UUID conversationId = body.requiredId("conversationId");
        long afterSeq = body.optionalLong("afterSeq", 0, Long.MAX_VALUE).orElse(0L);
        int limit = body.optionalLong("limit", 1, MAX_HISTORY).orElse(100L).intValue();
        var history = messages.history(userId, conversationId, null, afterSeq, null, limit);
        return Map.of("items", history.items(), "hasMore", history.hasMore());
    }

    private Map<String, Object> memberships(JsonBody body) {
        List<UUID> ids = conversations.conversationIds(body.requiredId("userId"));
        return Map.of("conversationIds", ids);
    }

    private Map<String, Object> members(JsonBody body) {
        UUID userId = body.requiredId("userId");
        return Map.of("memberIds", conversations.memberIds(userId, body.requiredId("conversationId")));
    }

    private Map<String, Object> read(JsonBody body) {
        UUID userId = body.requiredId("userId");
        UUID conversationId = body.requiredId("conversationId");
        reads.markRead(userId, conversationId, body.requiredLong("seq", 0, Long.MAX_VALUE),
                body.optionalBoolean("force").orElse(false), body.optionalId("threadRootId").orElse(null));
        return Map.of();
    }

    @Override
    public void close() {
        try {
            dispatcher.drain(java.time.Duration.ofSeconds(5)).get();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "chat service drain did not complete: " + e.getMessage());
        }
        executor.close();
    }
}
