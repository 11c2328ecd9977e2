package dev.tangle.geo.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.contract.AudienceContract;
import dev.tangle.common.contract.chat.ChatContract;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.social.SocialContract;
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
        return new java.util.HashSet<>(client.call(SocialContract.FRIENDS, new SocialContract.FriendsRequest(userId)).friendIds());
    }

    public UUID directConversation(UUID userId, UUID other) {
        return UUID.fromString(client.call(AudienceContract.DIRECT,
                new AudienceContract.DirectRequest(userId.toString(), other.toString())).conversationId());
    }

    /** Sends a chat message as {@code userId}; idempotent on {@code clientMsgId}. Returns the message. */
    public Message send(UUID userId, UUID conversationId, String clientMsgId, String text) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("clientMsgId", clientMsgId).put("text", text);
        return client.call(ChatContract.SEND, new ChatContract.SendRequest(userId, conversationId, body)).message();
    }
}
