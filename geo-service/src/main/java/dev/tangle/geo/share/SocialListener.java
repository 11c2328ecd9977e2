package dev.tangle.geo.share;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.geo.support.EventConsumer;
import io.nats.client.Connection;

/**
 * What geo-service learns from api-server's events (durable consumers shared by all instances): unfriend and
 * block separate two users in every share at once; leaving a conversation or group removes its shares' viewer,
 * joining adds them after api-server confirms (blocks, membership).
 */
public final class SocialListener implements AutoCloseable {

    private final List<EventConsumer> consumers;

    public SocialListener(Connection nats, ShareService shares) {
        this.consumers = List.of(
                new EventConsumer(nats, "geo-service-unfriend", "tangle.evt.user.*.friend.removed",
                        (subject, data) -> shares.separate(uuid(data, "userId"), uuid(data, "friendId"))),
                new EventConsumer(nats, "geo-service-block", "tangle.evt.user.*.block.added",
                        (subject, data) -> shares.separate(uuid(data, "blockerId"), uuid(data, "blockedId"))),
                new EventConsumer(nats, "geo-service-conversation-members", "tangle.evt.chat.*.member.*",
                        (subject, data) -> member(shares, "conversation_id", subject, uuid(data, "conversationId"), data)),
                new EventConsumer(nats, "geo-service-group-members", "tangle.evt.group.*.member.*",
                        (subject, data) -> member(shares, "group_id", subject, uuid(data, "groupId"), data)));
    }

    private static void member(ShareService shares, String column, String subject, UUID audienceId, JsonNode data) {
        UUID userId = uuid(data, "userId");
        if (subject.endsWith(".member.removed")) {
            shares.memberLeft(column, audienceId, userId);
        } else if (subject.endsWith(".member.added")) {
            shares.memberJoined(column, audienceId, userId);
        }
    }

    public boolean ready() {
        return consumers.stream().allMatch(EventConsumer::ready);
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }

    @Override
    public void close() {
        consumers.forEach(EventConsumer::close);
    }
}
