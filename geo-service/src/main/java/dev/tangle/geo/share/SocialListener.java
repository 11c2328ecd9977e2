package dev.tangle.geo.share;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.nats.EventConsumer;
import io.nats.client.api.DeliverPolicy;
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
                consumer(nats, "geo-service-unfriend", "tangle.evt.user.*.friend.removed",
                        (subject, data) -> shares.separate(uuid(data, "userId"), uuid(data, "friendId"))),
                consumer(nats, "geo-service-block", "tangle.evt.user.*.block.added",
                        (subject, data) -> shares.separate(uuid(data, "blockerId"), uuid(data, "blockedId"))),
                consumer(nats, "geo-service-conversation-members", "tangle.evt.chat.*.member.*",
                        (subject, data) -> member(shares, "conversation_id", subject, uuid(data, "conversationId"), data)),
                consumer(nats, "geo-service-group-members", "tangle.evt.group.*.member.*",
                        (subject, data) -> member(shares, "group_id", subject, uuid(data, "groupId"), data)));
    }

    /** A consumer of new events whose handler gets the event's {@code data}. */
    private static EventConsumer consumer(Connection nats, String durable, String filter,
                                          java.util.function.BiConsumer<String, JsonNode> onData) {
        return new EventConsumer(nats, durable, filter, DeliverPolicy.New,
                (subject, envelope) -> onData.accept(subject, envelope.path("data")));
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
