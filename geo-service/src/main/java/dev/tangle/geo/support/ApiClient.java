package dev.tangle.geo.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.contract.AudienceContract;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.service.NatsServiceClient;
import io.nats.client.Connection;

/** geo-service's calls to api-server over {@code tangle.svc.*} (the social graph and chat live there). */
public final class ApiClient {

    private final NatsServiceClient client;

    public ApiClient(Connection nats, Duration timeout) {
        this.client = new NatsServiceClient(nats, timeout);
    }

    /** Who a share with this audience reaches (see {@link AudienceContract#AUDIENCE}). */
    public Set<UUID> audience(UUID owner, List<UUID> userIds, UUID conversationId, UUID groupId) {
        var reply = client.call(AudienceContract.AUDIENCE, new AudienceContract.AudienceRequest(owner.toString(),
                userIds == null ? null : userIds.stream().map(UUID::toString).toList(),
                conversationId == null ? null : conversationId.toString(), groupId == null ? null : groupId.toString()));
        return reply.memberIds().stream().map(UUID::fromString).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public Set<UUID> friends(UUID userId) {
        ObjectNode q = Json.MAPPER.createObjectNode().put("userId", userId.toString());
        JsonNode reply = legacy(client.call(AudienceContract.FRIENDS, q));
        Set<UUID> ids = new java.util.HashSet<>();
        reply.path("friendIds").forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    public UUID directConversation(UUID userId, UUID other) {
        return UUID.fromString(client.call(AudienceContract.DIRECT,
                new AudienceContract.DirectRequest(userId.toString(), other.toString())).conversationId());
    }

    /** Sends a chat message as {@code userId}; idempotent on {@code clientMsgId}. Returns the message. */
    public JsonNode send(UUID userId, UUID conversationId, String clientMsgId, String text) {
        ObjectNode q = Json.MAPPER.createObjectNode().put("userId", userId.toString())
                .put("conversationId", conversationId.toString()).put("clientMsgId", clientMsgId).put("text", text);
        return legacy(client.call(AudienceContract.CHAT_SEND, q)).path("message");
    }

    /** A reply that may use the older {@code {ok:false, error}} body instead of service error headers. */
    private static JsonNode legacy(JsonNode reply) {
        if (reply.path("ok").isBoolean() && !reply.path("ok").asBoolean()) {
            JsonNode error = reply.path("error");
            String code = error.path("code").asText("internal_error");
            int status = error.path("status").asInt(500);
            List<ApiException.FieldError> fields = new ArrayList<>();
            throw new ApiException(status, code, ErrorCode.of(code).map(ErrorCode::title).orElse("Error"),
                    error.path("detail").asText(null), fields, java.util.Map.of());
        }
        return reply;
    }
}
