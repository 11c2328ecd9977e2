package dev.tangle.api.chat.conversation;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.nats.EventConsumer;
import io.nats.client.Connection;
import io.nats.client.api.DeliverPolicy;

/**
 * Keeps channel members in line with their group: a durable JetStream consumer (shared by every api-server
 * instance) of {@code tangle.evt.group.<groupId>.member.added|member.removed} that re-reads the group's membership
 * for that user and applies it to each channel of the group. Applying is idempotent, so redelivery is harmless.
 */
public final class ChannelSync implements AutoCloseable {

    public static final String DURABLE = "api-server-chat-channel-sync";
    static final String FILTER = "tangle.evt.group.*.member.*";

    private final EventConsumer consumer;

    public ChannelSync(Connection connection, ConversationService conversations) {
        this.consumer = new EventConsumer(connection, DURABLE, FILTER, DeliverPolicy.All, (subject, envelope) -> {
            JsonNode data = envelope.path("data");
            // a malformed id is an IllegalArgumentException: the consumer terminates the event
            conversations.syncChannels(UUID.fromString(data.path("groupId").asText()),
                    UUID.fromString(data.path("userId").asText()));
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
