package dev.tangle.api.webhooks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.db.Database;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.EventConsumer;
import io.nats.client.Connection;
import io.nats.client.api.DeliverPolicy;

/**
 * Turns events into deliveries: a durable consumer of every event on {@code TANGLE_EVENTS}, shared by the
 * api-server instances, that writes one pending delivery per interested endpoint (idempotent on
 * {@code (webhook, event id)}, so redelivered events change nothing) and then acks the event.
 *
 * <p>Whose events: {@code user.<id>.*} are that user's; a post's and its comments' are their author's (and, for a
 * group post, the group's); a chat message's are its sender's (and, in a channel, its group's); {@code group.<id>.*}
 * are the group's.
 */
public final class WebhookFanIn implements AutoCloseable {

    public static final String DURABLE = "api-server-webhooks";

    private final Database db;
    private final WebhookRepository webhooks;
    private final Runnable kick;
    private final EventConsumer consumer;

    public WebhookFanIn(Connection nats, Database db, WebhookRepository webhooks, Runnable kick) {
        this.db = db;
        this.webhooks = webhooks;
        this.kick = kick;
        // while no webhook is active (cached, ADR 0127) events are acknowledged unread: no parse, no query
        this.consumer = new EventConsumer(nats, DURABLE, "tangle.evt.>", DeliverPolicy.New,
                subject -> webhooks.anyActive(db.client().execute()), this::handle);
    }

    public boolean ready() {
        return consumer.ready();
    }

    private void handle(String subject, JsonNode envelope) {
        String[] parts = subject.split("\\.", 5); // tangle.evt.<domain>.<id>.<event>
        if (parts.length < 5) {
            throw new IllegalArgumentException("not an event subject");
        }
        String domain = parts[2];
        UUID entity = UUID.fromString(parts[3]);
        String event = parts[4];
        JsonNode data = envelope.path("data");
        Set<UUID> users = new HashSet<>();
        Set<UUID> groups = new HashSet<>();
        switch (domain) {
            case "user" -> users.add(entity);
            case "group" -> groups.add(entity);
            case "post" -> {
                id(data.path("authorId")).ifPresent(users::add);
                id(data.path("groupId")).ifPresent(groups::add);
            }
            case "chat" -> {
                id(data.path("message").path("senderId")).ifPresent(users::add);
                webhooks.channelGroup(db.client().execute(), entity).ifPresent(groups::add);
            }
            default -> {
                return;
            }
        }
        // the CloudEvents type without "tangle.": post.created, chat.message.created, user.notification …
        String type = envelope.path("type").asText("tangle." + domain + "." + event).replaceFirst("^tangle\\.", "");
        List<UUID> targets = webhooks.matching(db.client().execute(), users, groups, type);
        if (targets.isEmpty()) {
            return;
        }
        String eventId = envelope.path("id").asText(subject);
        String body = Json.writeString(envelope);
        db.inTransaction(tx -> {
            targets.forEach(w -> webhooks.addDelivery(tx, Ids.newId(), w, eventId, type, body));
            return null;
        });
        kick.run();
    }

    private static java.util.Optional<UUID> id(JsonNode node) {
        return node.isTextual() ? Ids.parse(node.asText()) : java.util.Optional.empty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
