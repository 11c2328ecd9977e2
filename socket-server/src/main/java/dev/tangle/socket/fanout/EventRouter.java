package dev.tangle.socket.fanout;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.json.Json;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import dev.tangle.socket.session.SessionRegistry;
import io.nats.client.Message;
import io.nats.client.MessageHandler;

/**
 * Turns what arrives on this instance's subscriptions into frames: each event is parsed and serialized once,
 * then the same frame is queued to every local session it concerns.
 */
public final class EventRouter implements MessageHandler {

    private static final System.Logger LOG = System.getLogger(EventRouter.class.getName());

    /** The local users who receive a conversation's events ({@link Interest}; a stand-in in the fan-out benchmark). */
    public interface LocalMembers {
        /** Do not modify the array. */
        LocalUser[] localMembers(UUID conversationId);
    }

    private final SessionRegistry registry;
    private final LocalMembers interest;
    private final Heads heads;
    private final Memberships memberships;
    private final SocialListener social;

    public EventRouter(SessionRegistry registry, LocalMembers interest, Heads heads, Memberships memberships,
                       SocialListener social) {
        this.registry = registry;
        this.interest = interest;
        this.heads = heads;
        this.memberships = memberships;
        this.social = social;
    }

    @Override
    public void onMessage(Message msg) {
        route(msg.getSubject(), msg.getData());
    }

    /** One message of this instance's subscriptions: its subject and payload. */
    public void route(String subject, byte[] data) {
        String[] parts = subject.split("\\.", 5);
        try {
            if (parts.length >= 4 && "rt".equals(parts[1])) {
                realtime(parts[2], UUID.fromString(parts[3]), Json.tree(data));
            } else if (parts.length == 5 && "evt".equals(parts[1])) {
                JsonNode envelope = Json.tree(data);
                UUID id = UUID.fromString(parts[3]);
                if ("chat".equals(parts[2])) {
                    chat(id, parts[4], envelope);
                } else if ("user".equals(parts[2])) {
                    user(id, parts[4], envelope.path("data"));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot route " + subject + ": " + e);
        }
    }

    private void chat(UUID conversationId, String event, JsonNode envelope) {
        JsonNode data = envelope.path("data");
        switch (event) {
            case "message.created", "message.edited", "message.deleted", "message.reaction" -> {
                JsonNode message = data.path("message");
                long seq = message.path("seq").asLong();
                boolean created = event.equals("message.created");
                if (created) {
                    heads.live(conversationId, seq);
                }
                OutFrame frame = Frames.message(event.substring("message.".length()), conversationId.toString(), message,
                        eventMillis(envelope));
                toMembers(conversationId, null, s -> s.delivery().live(conversationId, seq, created, frame));
            }
            case "read" -> {
                OutFrame frame = Frames.read(conversationId.toString(), data.path("userId").asText(), data.path("seq").asLong());
                toMembers(conversationId, null, s -> s.enqueue(frame));
            }
            case "member.added" -> memberships.join(UUID.fromString(data.path("userId").asText()), conversationId);
            case "member.removed" -> memberships.leave(UUID.fromString(data.path("userId").asText()), conversationId);
            default -> {
                // conversation.created/updated reach members through their user subjects
            }
        }
    }

    private void realtime(String kind, UUID id, JsonNode payload) {
        if ("typing".equals(kind)) {
            String userId = payload.path("userId").asText();
            UUID sender = UUID.fromString(userId);
            OutFrame frame = Frames.typing(id.toString(), userId);
            toMembers(id, sender, s -> s.enqueue(frame));
        } else if ("user".equals(kind) && payload instanceof ObjectNode object && object.path("type").isTextual()) {
            OutFrame frame = Frames.of(object);
            toUser(id, s -> s.enqueue(frame));
        }
    }

    private void user(UUID userId, String event, JsonNode data) {
        switch (event) {
            case "notification" -> {
                OutFrame frame = Frames.notification(data);
                toUser(userId, s -> s.enqueue(frame));
            }
            case "conversation.added", "conversation.removed", "conversation.updated" -> {
                JsonNode conversation = data.path("conversation");
                UUID conversationId = UUID.fromString(conversation.path("id").asText());
                if (event.equals("conversation.added")) {
                    memberships.join(userId, conversationId);
                } else if (event.equals("conversation.removed")) {
                    memberships.leave(userId, conversationId);
                }
                OutFrame frame = Frames.conversation(event.substring("conversation.".length()), conversation);
                toUser(userId, s -> s.enqueue(frame));
            }
            case "tokens.revoked" -> toUser(userId, s -> s.close(Session.CLOSE_UNAUTHORIZED, "tokens revoked"));
            case "friend.added" -> social.friendAdded(uuid(data, "userId"), uuid(data, "friendId"));
            case "friend.removed" -> social.friendRemoved(uuid(data, "userId"), uuid(data, "friendId"));
            case "block.added" -> social.blocked(uuid(data, "blockerId"), uuid(data, "blockedId"));
            default -> {
                // other user events are not pushed
            }
        }
    }

    /** Queues to every local session of the conversation's members, except {@code except}'s. */
    private void toMembers(UUID conversationId, UUID except, Consumer<Session> action) {
        for (LocalUser user : interest.localMembers(conversationId)) {
            if (except == null || !user.id().equals(except)) { // null for messages: no need to read the user's id
                user.forEachSession(action);
            }
        }
    }

    private void toUser(UUID userId, Consumer<Session> action) {
        registry.user(userId).ifPresent(user -> user.forEachSession(action));
    }

    private static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }

    private static long eventMillis(JsonNode envelope) {
        JsonNode time = envelope.get("time");
        try {
            return time == null ? 0 : Instant.parse(time.asText()).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
