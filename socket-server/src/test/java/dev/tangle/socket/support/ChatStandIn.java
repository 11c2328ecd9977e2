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
import dev.tangle.common.contract.chat.ChatContract;
import dev.tangle.common.contract.chat.ChatContract.HistoryReply;
import dev.tangle.common.contract.chat.ChatContract.HistoryRequest;
import dev.tangle.common.contract.chat.ChatContract.MembersReply;
import dev.tangle.common.contract.chat.ChatContract.MembersRequest;
import dev.tangle.common.contract.chat.ChatContract.MembershipsReply;
import dev.tangle.common.contract.chat.ChatContract.ReadReply;
import dev.tangle.common.contract.chat.ChatContract.ReadRequest;
import dev.tangle.common.contract.chat.ChatContract.SendReply;
import dev.tangle.common.contract.chat.ChatContract.SendRequest;
import dev.tangle.common.contract.chat.ChatContract.UserRequest;
import dev.tangle.common.contract.chat.ChatEventData.ConversationEvent;
import dev.tangle.common.contract.chat.ChatEventData.MemberEvent;
import dev.tangle.common.contract.chat.ChatEventData.MessageEvent;
import dev.tangle.common.contract.chat.ChatEventData.ReadEvent;
import dev.tangle.common.contract.chat.Conversation;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.chat.Reactions;
import dev.tangle.common.contract.social.SocialContract;
import dev.tangle.common.contract.social.SocialContract.FriendsReply;
import dev.tangle.common.contract.social.SocialContract.FriendsRequest;
import dev.tangle.common.contract.social.SocialEventData.BlockEvent;
import dev.tangle.common.contract.social.SocialEventData.FriendAccepted;
import dev.tangle.common.contract.social.SocialEventData.FriendEdge;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.service.NatsService;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * Stands in for api-server's chat and social NATS services in socket-server tests: serves the contract's
 * operations ({@link ChatContract}, {@link SocialContract}) on the same {@link NatsService} adapter and queue group
 * from memory, with the contract's records, and publishes the {@code tangle.evt.*} events with the contract's
 * payload records the way api-server does (CloudEvents envelope). A message is "committed" when it is stored; its
 * event is published after, in seq order per conversation. Because both sides use the same records, the stand-in
 * cannot drift from what api-server answers.
 */
public final class ChatStandIn implements AutoCloseable {

    private final Connection nats;
    private final NatsService chat;
    private final NatsService social;
    private final Map<UUID, Room> conversations = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> friends = new ConcurrentHashMap<>();

    private static final class Room {
        final UUID id;
        final String kind;
        final Instant createdAt = Instant.now();
        final Set<UUID> members = new LinkedHashSet<>();
        final List<Message> messages = new ArrayList<>();
        final Map<String, Message> byClientId = new HashMap<>();

        Room(UUID id, String kind) {
            this.id = id;
            this.kind = kind;
        }
    }

    private final Map<UUID, java.util.concurrent.atomic.AtomicInteger> membershipCalls = new ConcurrentHashMap<>();
    private final Map<UUID, java.util.concurrent.atomic.AtomicInteger> historyCalls = new ConcurrentHashMap<>();

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
        chat = NatsService.builder(nats, ChatContract.SERVICE_NAME, ChatContract.VERSION).queue(ChatContract.QUEUE)
                .endpoint(ChatContract.SEND, this::send)
                .endpoint(ChatContract.HISTORY, this::history)
                .endpoint(ChatContract.MEMBERSHIPS, this::memberships)
                .endpoint(ChatContract.MEMBERS, this::members)
                .endpoint(ChatContract.READ, this::read)
                .start();
        social = NatsService.builder(nats, SocialContract.SERVICE_NAME, SocialContract.VERSION)
                .queue(SocialContract.QUEUE)
                .endpoint(SocialContract.FRIENDS, this::friendsOf)
                .start();
    }

    // ---- what REST calls on api-server would do ----

    public UUID createConversation(String kind, UUID... members) {
        Room c = new Room(Ids.newId(), kind);
        conversations.put(c.id, c);
        synchronized (c) {
            c.members.addAll(List.of(members));
        }
        for (UUID member : members) {
            publishUser(member, "conversation.added", new ConversationEvent(conversation(c)));
        }
        return c.id;
    }

    public void addMember(UUID conversationId, UUID userId) {
        Room c = conversations.get(conversationId);
        synchronized (c) {
            c.members.add(userId);
            publish(c.id, "member.added", new MemberEvent(c.id, userId));
        }
        publishUser(userId, "conversation.added", new ConversationEvent(conversation(c)));
    }

    public void removeMember(UUID conversationId, UUID userId) {
        Room c = conversations.get(conversationId);
        synchronized (c) {
            c.members.remove(userId);
            publish(c.id, "member.removed", new MemberEvent(c.id, userId));
        }
        publishUser(userId, "conversation.removed", new ConversationEvent(conversation(c)));
    }

    /** A REST send: commits and publishes message.created; returns the message. */
    public JsonNode send(UUID userId, UUID conversationId, String text) {
        var body = Json.MAPPER.createObjectNode().put("clientMsgId", UUID.randomUUID().toString()).put("text", text);
        return Json.MAPPER.valueToTree(send(new SendRequest(userId, conversationId, body)).message());
    }

    public long lastSeq(UUID conversationId) {
        Room c = conversations.get(conversationId);
        synchronized (c) {
            return c.messages.size();
        }
    }

    public void befriend(UUID a, UUID b) {
        friends.computeIfAbsent(a, x -> ConcurrentHashMap.newKeySet()).add(b);
        friends.computeIfAbsent(b, x -> ConcurrentHashMap.newKeySet()).add(a);
        publishUser(a, "friend.added", new FriendEdge(a, b));
        publishUser(b, "friend.added", new FriendEdge(b, a));
        publishUser(b, "notification", new FriendAccepted(Ids.newId(), a));
    }

    public void block(UUID blocker, UUID blocked) {
        friends.getOrDefault(blocker, Set.of()).remove(blocked);
        friends.getOrDefault(blocked, Set.of()).remove(blocker);
        publishUser(blocker, "block.added", new BlockEvent(blocker, blocked));
    }

    public void revokeTokens(UUID userId) {
        publishUser(userId, "tokens.revoked", Map.of("userId", userId.toString()));
    }

    public void notify(UUID userId, Map<String, Object> data) {
        publishUser(userId, "notification", data);
    }

    // ---- the contract's operations ----

    private SendReply send(SendRequest req) {
        Room c = member(req.userId(), req.conversationId());
        String clientMsgId = req.body().path("clientMsgId").asText("");
        if (clientMsgId.isEmpty()) {
            throw Problems.validation("clientMsgId", "is required");
        }
        synchronized (c) {
            Message existing = c.byClientId.get(req.userId() + "/" + clientMsgId);
            if (existing != null) {
                return new SendReply(false, existing);
            }
            Message message = message(c, req.userId(), clientMsgId, req.body().path("text").asText(""));
            c.messages.add(message);
            c.byClientId.put(req.userId() + "/" + clientMsgId, message);
            publish(c.id, "message.created", new MessageEvent(c.id, message));
            return new SendReply(true, message);
        }
    }

    /** How many history pages socket-server asked for on behalf of this user. */
    public int historyServed(UUID userId) {
        java.util.concurrent.atomic.AtomicInteger n = historyCalls.get(userId);
        return n == null ? 0 : n.get();
    }

    private HistoryReply history(HistoryRequest req) {
        historyCalls.computeIfAbsent(req.userId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        Room c = member(req.userId(), req.conversationId());
        long after = req.afterSeq() == null ? 0 : req.afterSeq();
        int limit = Math.min(ChatContract.MAX_HISTORY, req.limit() == null ? 50 : req.limit());
        synchronized (c) {
            int from = (int) Math.min(after, c.messages.size());
            int to = Math.min(c.messages.size(), from + limit);
            return new HistoryReply(List.copyOf(c.messages.subList(from, to)), to < c.messages.size());
        }
    }

    /** How many times socket-server asked for this user's memberships (a user set-up on an instance). */
    public int membershipsServed(UUID userId) {
        java.util.concurrent.atomic.AtomicInteger n = membershipCalls.get(userId);
        return n == null ? 0 : n.get();
    }

    private MembershipsReply memberships(UserRequest req) {
        membershipCalls.computeIfAbsent(req.userId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        List<UUID> ids = new ArrayList<>();
        conversations.values().forEach(c -> {
            synchronized (c) {
                if (c.members.contains(req.userId())) {
                    ids.add(c.id);
                }
            }
        });
        return new MembershipsReply(ids);
    }

    private MembersReply members(MembersRequest req) {
        Room c = member(req.userId(), req.conversationId());
        synchronized (c) {
            return new MembersReply(List.copyOf(c.members));
        }
    }

    private ReadReply read(ReadRequest req) {
        publish(req.conversationId(), "read", new ReadEvent(req.conversationId(), req.userId(), req.seq(), null));
        return new ReadReply(req.conversationId());
    }

    private FriendsReply friendsOf(FriendsRequest req) {
        return new FriendsReply(List.copyOf(friends.getOrDefault(req.userId(), Set.of())));
    }

    // ---- plumbing ----

    private Room member(UUID userId, UUID conversationId) {
        Room c = conversationId == null ? null : conversations.get(conversationId);
        if (c == null) {
            throw Problems.notFound("Conversation");
        }
        synchronized (c) {
            if (!c.members.contains(userId)) {
                throw Problems.notFound("Conversation");
            }
        }
        return c;
    }

    private static Message message(Room c, UUID sender, String clientMsgId, String text) {
        return new Message(Ids.newId(), c.id, c.messages.size() + 1L, sender, clientMsgId, text, "plain", null, null,
                null, null, 0, null, List.of(), List.of(), null, Instant.now(), null, false,
                new Reactions(Map.of(), null));
    }

    private Conversation conversation(Room c) {
        synchronized (c) {
            return new Conversation(c.id, c.kind, null, null, null, List.copyOf(c.members), c.messages.size(), null,
                    0, 0, c.createdAt, c.createdAt);
        }
    }

    private void publish(UUID conversationId, String event, Object data) {
        Event e = Event.of("api-server", "chat", conversationId, event, data);
        nats.publish(e.natsSubject(), Json.write(e));
    }

    private void publishUser(UUID userId, String event, Object data) {
        Event e = Event.of("api-server", "user", userId, event, data);
        nats.publish(e.natsSubject(), Json.write(e));
    }

    @Override
    public void close() throws InterruptedException {
        chat.close();
        social.close();
        nats.close();
    }
}
