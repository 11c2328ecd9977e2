package dev.tangle.socket.canvas;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.frames.OutFrame;
import dev.tangle.socket.session.Session;
import io.nats.client.Connection;
import io.nats.client.Message;

/**
 * Canvas rooms (ADR 0044): who is present in which canvas conversation, across instances. Every instance
 * hears {@code tangle.rt.canvas.*} ({@code {op: join|leave|beat, userId, instance}}) and keeps the full
 * membership; each instance re-announces its local members every heartbeat and when another asks
 * ({@code op: sync}, at its start and after NATS came back), and a member nobody announced for the canvas timeout
 * (its instance died) has left.
 */
public final class CanvasRooms {

    private static final System.Logger LOG = System.getLogger(CanvasRooms.class.getName());

    /** A sync request: {@code tangle.rt.canvas.sync}, heard with the rooms' signals. */
    static final String SYNC_SUBJECT = "tangle.rt.canvas.sync";

    private final Connection nats;
    private final String instanceId;
    private final Duration timeout;
    /** conversation → user → last announcement (nanoTime). */
    private final Map<UUID, Map<UUID, Long>> rooms = new ConcurrentHashMap<>();
    /** conversation → local sessions in the room. */
    private final Map<UUID, Set<Session>> local = new ConcurrentHashMap<>();

    public CanvasRooms(Connection nats, String instanceId, Duration timeout) {
        this.nats = nats;
        this.instanceId = instanceId;
        this.timeout = timeout;
        nats.createDispatcher(this::onSignal).subscribe("tangle.rt.canvas.*");
        resync();
    }

    /**
     * Asks every other instance to announce its members now, and announces ours: at start-up (a late instance
     * knows the rooms before its first session joins) and after NATS came back (signals may have been missed).
     */
    public synchronized void resync() {
        var body = Json.MAPPER.createObjectNode().put("op", "sync").put("instance", instanceId);
        nats.publish(SYNC_SUBJECT, Json.write(body));
        announceLocal();
    }

    public synchronized void join(Session session, UUID conversationId) {
        local.computeIfAbsent(conversationId, c -> ConcurrentHashMap.newKeySet()).add(session);
        arrived(conversationId, session.userId());
        session.enqueue(Frames.canvasSync(conversationId.toString(), rooms.get(conversationId).keySet()));
        signal(conversationId, session.userId(), "join");
    }

    public synchronized void leave(Session session, UUID conversationId) {
        Set<Session> sessions = local.get(conversationId);
        if (sessions == null || !sessions.remove(session)) {
            return;
        }
        if (sessions.isEmpty()) {
            local.remove(conversationId);
        }
        if (sessions.stream().noneMatch(s -> s.userId().equals(session.userId()))) {
            departed(conversationId, session.userId());
            signal(conversationId, session.userId(), "leave");
        }
    }

    /** A session ended: it leaves every room it was in. */
    public void ended(Session session) {
        for (UUID conversationId : List.copyOf(local.keySet())) {
            leave(session, conversationId);
        }
    }

    /** Re-announces local members; drops remote members not heard of within the timeout. */
    public synchronized void tick() {
        announceLocal();
        long now = System.nanoTime();
        rooms.forEach((conversationId, members) -> {
            List<UUID> expired = new ArrayList<>();
            members.forEach((userId, seen) -> {
                if (now - seen > timeout.toNanos() && !isLocal(conversationId, userId)) {
                    expired.add(userId);
                }
            });
            expired.forEach(userId -> departed(conversationId, userId));
        });
    }

    private void announceLocal() {
        local.forEach((conversationId, sessions) -> sessions.stream().map(Session::userId).distinct()
                .forEach(userId -> signal(conversationId, userId, "beat")));
    }

    private synchronized void onSignal(Message msg) {
        try {
            JsonNode body = Json.tree(msg.getData());
            if (instanceId.equals(body.path("instance").asText())) {
                return;
            }
            if ("sync".equals(body.path("op").asText())) {
                announceLocal();
                return;
            }
            UUID conversationId = UUID.fromString(body.path("conversationId").asText());
            UUID userId = UUID.fromString(body.path("userId").asText());
            if ("leave".equals(body.path("op").asText())) {
                if (!isLocal(conversationId, userId)) {
                    departed(conversationId, userId);
                }
            } else {
                arrived(conversationId, userId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Bad canvas signal: " + e);
        }
    }

    private void arrived(UUID conversationId, UUID userId) {
        Map<UUID, Long> members = rooms.computeIfAbsent(conversationId, c -> new ConcurrentHashMap<>());
        if (members.put(userId, System.nanoTime()) == null) {
            tellOthers(conversationId, userId, Frames.canvas("canvas.joined", conversationId.toString(), userId));
        }
    }

    private void departed(UUID conversationId, UUID userId) {
        Map<UUID, Long> members = rooms.get(conversationId);
        if (members != null && members.remove(userId) != null) {
            if (members.isEmpty()) {
                rooms.remove(conversationId);
            }
            tellOthers(conversationId, userId, Frames.canvas("canvas.left", conversationId.toString(), userId));
        }
    }

    private void tellOthers(UUID conversationId, UUID userId, OutFrame frame) {
        for (Session session : local.getOrDefault(conversationId, Set.of())) {
            if (!session.userId().equals(userId)) {
                session.enqueue(frame);
            }
        }
    }

    private boolean isLocal(UUID conversationId, UUID userId) {
        return local.getOrDefault(conversationId, Set.of()).stream().anyMatch(s -> s.userId().equals(userId));
    }

    private void signal(UUID conversationId, UUID userId, String op) {
        var body = Json.MAPPER.createObjectNode().put("op", op).put("conversationId", conversationId.toString())
                .put("userId", userId.toString()).put("instance", instanceId);
        nats.publish(Subjects.realtime("canvas", conversationId), Json.write(body));
    }
}
