package dev.tangle.geo.map;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.geo.map.MapRepository.Relation;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

/**
 * Durable JetStream consumers of TANGLE_EVENTS (one per domain, shared by every geo-service instance) that write
 * what the memory map needs into its tables: posts, media, friendships and blocks, group membership. Every write
 * is guarded by the event's stream sequence, so redelivery and replay from the stream's start are harmless.
 */
final class MapEventConsumer implements AutoCloseable {

    static final String DURABLE_PREFIX = "geo-map-";
    static final List<String> DOMAINS = List.of("post", "media", "user", "group");
    private static final System.Logger LOG = System.getLogger(MapEventConsumer.class.getName());

    private final Connection connection;
    private final MapRepository repository;
    private final List<MessageConsumer> consumers = new ArrayList<>();
    private final Thread starter;
    private volatile boolean running = true;

    MapEventConsumer(Connection connection, MapRepository repository) {
        this.connection = connection;
        this.repository = repository;
        this.starter = Thread.ofVirtual().name("map-consumer-start").start(this::startAll);
    }

    private void startAll() {
        for (String domain : DOMAINS) {
            long backoff = 250;
            while (running) {
                try {
                    String durable = DURABLE_PREFIX + domain;
                    connection.jetStreamManagement().addOrUpdateConsumer(Streams.EVENTS, ConsumerConfiguration.builder()
                            .durable(durable).filterSubject("tangle.evt." + domain + ".>").ackPolicy(AckPolicy.Explicit)
                            .deliverPolicy(DeliverPolicy.All).ackWait(Duration.ofSeconds(30)).build());
                    synchronized (consumers) {
                        consumers.add(connection.getConsumerContext(Streams.EVENTS, durable).consume(this::handle));
                    }
                    break;
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Memory-map consumer for " + domain + " not ready, retrying: " + e.getMessage());
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = Math.min(5_000, backoff * 2);
                }
            }
        }
    }

    private void handle(Message message) {
        try {
            apply(message.getSubject(), Json.tree(message.getData()), message.metaData().streamSequence());
            message.ack();
        } catch (IllegalArgumentException | NullPointerException | java.time.format.DateTimeParseException
                 | java.io.UncheckedIOException malformed) {
            LOG.log(Level.WARNING, "Ignoring malformed event on " + message.getSubject() + ": " + malformed.getMessage());
            message.term();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Memory-map update failed for " + message.getSubject() + ", will retry: " + e.getMessage());
            message.nakWithDelay(Duration.ofSeconds(1));
        }
    }

    /** Applies one event; subjects the map does not use are ignored. */
    void apply(String subject, JsonNode envelope, long seq) {
        String[] parts = subject.split("\\.", 5);
        if (parts.length < 5) {
            return;
        }
        String event = parts[4];
        JsonNode data = envelope.path("data");
        switch (parts[2]) {
            case "post" -> {
                if (event.equals("created") || event.equals("updated") || event.equals("deleted")) {
                    repository.post(seq, post(data), event.equals("deleted"));
                }
            }
            case "media" -> {
                if (event.equals("ready") || event.equals("deleted")) {
                    JsonNode location = data.path("location");
                    boolean hasLocation = location.path("lat").isNumber() && location.path("lon").isNumber();
                    Instant at = data.hasNonNull("createdAt") ? Instant.parse(data.get("createdAt").asText())
                            : Instant.parse(envelope.path("time").asText());
                    repository.media(seq, uuid(data.hasNonNull("id") ? data.get("id") : data.get("mediaId")),
                            data.hasNonNull("ownerId") ? uuid(data.get("ownerId")) : null,
                            hasLocation ? location.get("lat").asDouble() : null,
                            hasLocation ? location.get("lon").asDouble() : null, at, event.equals("deleted"));
                }
            }
            case "user" -> {
                switch (event) {
                    case "friend.added", "friend.removed" -> repository.relation(Relation.FRIENDS, seq,
                            uuid(data.get("userId")), uuid(data.get("friendId")), event.equals("friend.added"));
                    case "block.added", "block.removed" -> repository.relation(Relation.BLOCKS, seq,
                            uuid(data.get("blockerId")), uuid(data.get("blockedId")), event.equals("block.added"));
                    default -> {
                    }
                }
            }
            case "group" -> {
                if (event.equals("member.added") || event.equals("member.removed")) {
                    repository.relation(Relation.MEMBERS, seq, uuid(data.get("groupId")), uuid(data.get("userId")),
                            event.equals("member.added"));
                }
            }
            default -> {
            }
        }
    }

    private static MapRepository.PostData post(JsonNode data) {
        JsonNode location = data.path("location");
        boolean hasLocation = location.path("lat").isNumber() && location.path("lon").isNumber();
        List<UUID> media = new ArrayList<>();
        data.path("mediaIds").forEach(m -> media.add(uuid(m)));
        String visibility = data.get("visibility").asText();
        if (!List.of("public", "friends", "private", "group").contains(visibility)) {
            throw new IllegalArgumentException("unknown visibility " + visibility);
        }
        return new MapRepository.PostData(uuid(data.get("postId")), uuid(data.get("authorId")), visibility,
                data.hasNonNull("groupId") ? uuid(data.get("groupId")) : null,
                hasLocation ? location.get("lat").asDouble() : null, hasLocation ? location.get("lon").asDouble() : null,
                Instant.parse(data.get("createdAt").asText()), media);
    }

    private static UUID uuid(JsonNode node) {
        return UUID.fromString(node.asText());
    }

    @Override
    public void close() {
        running = false;
        starter.interrupt();
        synchronized (consumers) {
            for (MessageConsumer c : consumers) {
                try {
                    c.stop();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "Stopping memory-map consumer: " + e.getMessage());
                }
            }
        }
    }
}
