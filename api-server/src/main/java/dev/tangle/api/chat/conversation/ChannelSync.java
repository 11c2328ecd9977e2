package dev.tangle.api.chat.conversation;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

/**
 * Keeps channel members in line with their group: a durable JetStream consumer (shared by every api-server
 * instance) of {@code tangle.evt.group.<groupId>.member.added|member.removed} that re-reads the group's membership
 * for that user and applies it to each channel of the group. Applying is idempotent, so redelivery is harmless.
 */
public final class ChannelSync implements AutoCloseable {

    public static final String DURABLE = "api-server-chat-channel-sync";
    static final String FILTER = "tangle.evt.group.*.member.*";
    private static final System.Logger LOG = System.getLogger(ChannelSync.class.getName());

    private final Connection connection;
    private final ConversationService conversations;
    private final Thread starter;
    private volatile MessageConsumer consumer;
    private volatile boolean running = true;

    public ChannelSync(Connection connection, ConversationService conversations) {
        this.connection = connection;
        this.conversations = conversations;
        this.starter = Thread.ofVirtual().name("chat-channel-sync").start(this::startConsuming);
    }

    private void startConsuming() {
        long backoff = 250;
        while (running && consumer == null) {
            try {
                connection.jetStreamManagement().addOrUpdateConsumer(Streams.EVENTS, ConsumerConfiguration.builder()
                        .durable(DURABLE).filterSubject(FILTER).ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All).ackWait(Duration.ofSeconds(30)).build());
                consumer = connection.getConsumerContext(Streams.EVENTS, DURABLE).consume(this::handle);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Channel sync consumer not ready, retrying: " + e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void handle(Message message) {
        try {
            JsonNode data = Json.tree(message.getData()).path("data");
            UUID groupId = UUID.fromString(data.path("groupId").asText());
            UUID userId = UUID.fromString(data.path("userId").asText());
            conversations.syncChannels(groupId, userId);
            message.ack();
        } catch (IllegalArgumentException | java.io.UncheckedIOException malformed) {
            LOG.log(Level.WARNING, "Ignoring malformed group event on " + message.getSubject() + ": " + malformed.getMessage());
            message.term();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Channel sync failed for " + message.getSubject() + ", will retry: " + e.getMessage());
            message.nakWithDelay(Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        running = false;
        starter.interrupt();
        MessageConsumer c = consumer;
        if (c != null) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Stopping channel sync: " + e.getMessage());
            }
        }
    }
}
