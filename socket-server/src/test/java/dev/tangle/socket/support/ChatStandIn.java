package dev.tangle.socket.support;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * Stands in for api-server's chat and social NATS services in socket-server tests: answers
 * {@code tangle.svc.chat.*} and {@code tangle.svc.social.friends} (queue group api-server) from memory and
 * publishes the {@code tangle.evt.*} events the way api-server does (CloudEvents envelope). A message is
 * "committed" when it is stored; its event is published after, in seq order per conversation.
 */
public final class ChatStandIn implements AutoCloseable {

    private final Connection nats;
    private final Map<UUID, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> friends = new ConcurrentHashMap<>();

    private static final class Conversation {
        final UUID id;
        final String kind;
        final Set<UUID> members = new LinkedHashSet<>();
        final List<ObjectNode> messages = new ArrayList<>();
        final Map<String, ObjectNode> byClientId = new HashMap<>();

        Conversation(UUID id, String kind) {
            this.id = id;
            this.kind = kind;
        }
    }

    public ChatStandIn(String natsUrl) {
        try {
            nats = Nats.connect(new Options.Builder().server(natsUrl).maxReconnects(-1)
                    .reconnectWait(java.time.Duration.ofMillis(250)).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Dispatcher d = nats.createDispatcher();
        d.subscribe("tangle.svc.chat.send", "api-server", msg -> answer(msg, this::send));
        d.subscribe("tangle.svc.chat.history", "api-server", msg -> answer(msg, this::history));
        d.subscribe("tangle.svc.chat.memberships", "api-server", msg -> answer(msg, this::memberships));
        d.subscribe("tangle.svc.chat.members", "api-server", msg -> answer(msg, this::members));
        d.subscribe("tangle.svc.chat.read", "api-server", msg -> answer(msg, this::read));
        d.subscribe("tangle.svc.social.friends", "api-server", msg -> answer(msg, this::friendsOf));
    }

    // ---- what REST calls on api-server would do ----

    public UUID createConversation(String kind, UUID... members) {
        Conversation c = new Conversation(Ids.newId(), kind);
        conversations.put(c.id, c);
        synchronized (c) {
            c.members.addAll(List.of(members));
        }
        for (UUID member : members) {
            publishUser(member, "conversation.added", Map.of("conversation", conversationJson(c)));
        }
        return c.id;
    }

    public void addMember(UUID conversationId, UUID userId) {
        Conversation c = conversations.get(conversationId);
        synchronized (c) {
            c.members.add(userId);
            publish(c.id, "member.added", Map.of("conversationId", c.id.toString(), "userId", userId.toString()));
        }
        publishUser(userId, "conversation.added", Map.of("conversation", conversationJson(c)));
    }

    public void removeMember(UUID conversationId, UUID userId) {
        Conversation c = conversations.get(conversationId);
        synchronized (c) {
            c.members.remove(userId);
            publish(c.id, "member.removed", Map.of("conversationId", c.id.toString(), "userId", userId.toString()));
        }
        publishUser(userId, "conversation.removed", Map.of("conversation", conversationJson(c)));
    }

    /** A REST send: commits and publishes message.created; returns the message. */
    public JsonNode send(UUID userId, UUID conversationId, String text) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("userId", userId.toString())
                .put("conversationId", conversationId.toString()).put("clientMsgId", UUID.randomUUID().toString()).put("text", text);
        return send(request).path("message");
    }

    public long lastSeq(UUID conversationId) {
        Conversation c = conversations.get(conversationId);
        synchronized (c) {
            return c.messages.size();
        }
    }

    public void befriend(UUID a, UUID b) {
        friends.computeIfAbsent(a, x -> ConcurrentHashMap.newKeySet()).add(b);
        friends.computeIfAbsent(b, x -> ConcurrentHashMap.newKeySet()).add(a);
        publishUser(a, "friend.added", Map.of("userId", a.toString(), "friendId", b.toString()));
        publishUser(b, "friend.added", Map.of("userId", b.toString(), "friendId", a.toString()));
        publishUser(b, "notification", Map.of("kind", "friend.accepted", "userId", a.toString()));
    }

    public void block(UUID blocker, UUID blocked) {
        friends.getOrDefault(blocker, Set.of()).remove(blocked);
        friends.getOrDefault(blocked, Set.of()).remove(blocker);
        publishUser(blocker, "block.added", Map.of("blockerId", blocker.toString(), "blockedId", blocked.toString()));
    }

    public void revokeTokens(UUID userId) {
        publishUser(userId, "tokens.revoked", Map.of("userId", userId.toString()));
    }

    public void notify(UUID userId, Map<String, Object> data) {
        publishUser(userId, "notification", data);
    }

    // ---- tangle.svc.* handlers ----

    private ObjectNode send(JsonNode req) {
        UUID userId = UUID.fromString(req.path("userId").asText());
        Conversation c = conversations.get(UUID.fromString(req.path("conversationId").asText()));
        if (c == null) {
            return error(404, "not_found", "Conversation not found");
        }
        synchronized (c) {
            if (!c.members.contains(userId)) {
                return error(404, "not_found", "Conversation not found");
            }
            String clientMsgId = req.path("clientMsgId").asText();
            ObjectNode existing = c.byClientId.get(userId + "/" + clientMsgId);
            if (existing != null) {
                return ok().put("created", false).set("message", existing);
            }
            ObjectNode message = message(c, userId, clientMsgId, req.path("text").asText(""));
            c.messages.add(message);
            c.byClientId.put(userId + "/" + clientMsgId, message);
            publish(c.id, "message.created", Map.of("conversationId", c.id.toString(), "message", message));
            return ok().put("created", true).set("message", message);
        }
    }

    private ObjectNode history(JsonNode req) {
        UUID userId = UUID.fromString(req.path("userId").asText());
        Conversation c = conversations.get(UUID.fromString(req.path("conversationId").asText()));
        if (c == null) {
            return error(404, "not_found", "Conversation not found");
        }
        long after = req.path("afterSeq").asLong();
        int limit = Math.min(500, req.path("limit").asInt(50));
        synchronized (c) {
            if (!c.members.contains(userId)) {
                return error(404, "not_found", "Conversation not found");
            }
            ObjectNode reply = ok();
            ArrayNode items = reply.putArray("items");
            int from = (int) Math.min(after, c.messages.size());
            int to = Math.min(c.messages.size(), from + limit);
            c.messages.subList(from, to).forEach(items::add);
            return reply.put("hasMore", to < c.messages.size());
        }
    }

    private ObjectNode memberships(JsonNode req) {
        UUID userId = UUID.fromString(req.path("userId").asText());
        ObjectNode reply = ok();
        ArrayNode ids = reply.putArray("conversationIds");
        conversations.values().forEach(c -> {
            synchronized (c) {
                if (c.members.contains(userId)) {
                    ids.add(c.id.toString());
                }
            }
        });
        return reply;
    }

    private ObjectNode members(JsonNode req) {
        Conversation c = conversations.get(UUID.fromString(req.path("conversationId").asText()));
        ObjectNode reply = ok();
        ArrayNode ids = reply.putArray("memberIds");
        synchronized (c) {
            c.members.forEach(m -> ids.add(m.toString()));
        }
        return reply;
    }

    private ObjectNode read(JsonNode req) {
        UUID conversationId = UUID.fromString(req.path("conversationId").asText());
        publish(conversationId, "read", Map.of("conversationId", conversationId.toString(),
                "userId", req.path("userId").asText(), "seq", req.path("seq").asLong()));
        return ok();
    }

    private ObjectNode friendsOf(JsonNode req) {
        ObjectNode reply = ok();
        ArrayNode ids = reply.putArray("friendIds");
        friends.getOrDefault(UUID.fromString(req.path("userId").asText()), Set.of()).forEach(f -> ids.add(f.toString()));
        return reply;
    }

    // ---- plumbing ----

    private void answer(Message msg, java.util.function.Function<JsonNode, ObjectNode> handler) {
        ObjectNode reply;
        try {
            reply = handler.apply(Json.tree(msg.getData()));
        } catch (RuntimeException e) {
            reply = error(500, "internal_error", e.toString());
        }
        nats.publish(msg.getReplyTo(), Json.write(reply));
    }

    private static ObjectNode message(Conversation c, UUID sender, String clientMsgId, String text) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("id", Ids.newId().toString()).put("conversationId", c.id.toString()).put("seq", c.messages.size() + 1L)
                .put("senderId", sender.toString()).put("clientMsgId", clientMsgId).put("text", text).put("format", "plain")
                .putNull("replyToId").putNull("quoteOfId").putNull("forward").putNull("threadRootId").put("threadReplyCount", 0);
        m.putArray("mediaIds");
        m.putNull("position").put("createdAt", Instant.now().toString()).putNull("editedAt").put("deleted", false);
        m.putObject("reactions").putObject("counts");
        return m;
    }

    private ObjectNode conversationJson(Conversation c) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", c.id.toString()).put("kind", c.kind);
        ArrayNode ids = json.putArray("memberIds");
        synchronized (c) {
            c.members.forEach(m -> ids.add(m.toString()));
        }
        return json;
    }

    private void publish(UUID conversationId, String event, Object data) {
        Event e = Event.of("api-server", "chat", conversationId, event, data);
        nats.publish(e.natsSubject(), Json.write(e));
    }

    private void publishUser(UUID userId, String event, Object data) {
        Event e = Event.of("api-server", "user", userId, event, data);
        nats.publish(e.natsSubject(), Json.write(e));
    }

    private static ObjectNode ok() {
        return Json.MAPPER.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(int status, String code, String detail) {
        ObjectNode reply = Json.MAPPER.createObjectNode().put("ok", false);
        reply.putObject("error").put("status", status).put("code", code).put("detail", detail);
        return reply;
    }

    @Override
    public void close() throws InterruptedException {
        nats.close();
    }
}
