package dev.tangle.socket;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import dev.tangle.socket.SocketConfig.WsSettings;
import dev.tangle.socket.canvas.CanvasRooms;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.frames.ClientFrame;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.presence.PresenceService;
import dev.tangle.socket.session.Delivery;
import dev.tangle.socket.session.Handshake;
import dev.tangle.socket.session.LocalUser;
import dev.tangle.socket.session.Session;
import io.nats.client.Connection;

/**
 * Serves client frames (docs/websocket.md). A frame that is malformed, of an unknown type or missing a field
 * gets an error frame and the session stays open; a user over the frame rate is closed with 4008.
 */
final class FrameHandler {

    private static final Set<String> TYPES = Set.of("send", "resume", "typing", "read", "presence", "canvas.join",
            "canvas.leave", "ping", "auth");
    private static final Set<String> STATUSES = Set.of("online", "away", "dnd", "invisible");

    private final ChatClient chat;
    private final Connection nats;
    private final PresenceService presence;
    private final CanvasRooms canvas;
    private final Handshake handshake;
    private final Resumer resumer;
    private final SocketMetrics metrics;
    private final long typingIntervalNanos;

    FrameHandler(ChatClient chat, Connection nats, PresenceService presence, CanvasRooms canvas, Handshake handshake,
                 SocketMetrics metrics, WsSettings settings) {
        this.chat = chat;
        this.nats = nats;
        this.presence = presence;
        this.canvas = canvas;
        this.handshake = handshake;
        this.metrics = metrics;
        this.resumer = new Resumer(chat, metrics);
        this.typingIntervalNanos = settings.typingInterval().toNanos();
    }

    void handle(Session session, LocalUser user, String text) {
        if (!user.acquireFrame()) {
            metrics.frameIn("rate_limited");
            session.close(Session.CLOSE_RATE_LIMITED, "rate limited");
            return;
        }
        ClientFrame frame;
        try {
            frame = ClientFrame.parse(text);
        } catch (FrameException e) {
            metrics.frameIn("invalid");
            session.enqueue(Frames.error(e.frameId(), e));
            return;
        }
        metrics.frameIn(TYPES.contains(frame.type()) ? frame.type() : "unknown");
        try {
            dispatch(session, user, frame);
        } catch (FrameException e) {
            session.enqueue(Frames.error(frame.id(), e));
        }
    }

    private void dispatch(Session session, LocalUser user, ClientFrame frame) {
        switch (frame.type()) {
            case "ping" -> session.enqueue(Frames.pong(frame.id()));
            case "send" -> send(session, frame);
            case "resume" -> resume(session, user, frame);
            case "typing" -> typing(user, frame);
            case "read" -> read(session, frame);
            case "presence" -> presence(session, frame);
            case "canvas.join" -> canvas.join(session, member(user, frame));
            case "canvas.leave" -> canvas.leave(session, frame.requiredId("conversationId"));
            case "auth" -> auth(session, frame);
            default -> throw new FrameException("unknown_type", "type", "Unknown frame type " + abbreviate(frame.type()));
        }
    }

    private void send(Session session, ClientFrame frame) {
        frame.requiredId("conversationId");
        frame.requiredString("clientMsgId", 1, 100);
        frame.optionalString("text", 0, 16_000);
        ObjectNode body = frame.body().deepCopy();
        body.remove("type");
        body.remove("id");
        body.put("userId", session.userId().toString());
        chat.request("chat", "send", body).whenComplete((reply, failure) -> {
            if (failure != null) {
                session.enqueue(Frames.error(frame.id(), unwrap(failure)));
            } else {
                session.enqueue(Frames.ack(frame.id(), "message", reply.path("message")));
            }
        });
    }

    /** Fills gaps in live delivery from history. */
    Delivery.GapFiller gapFiller() {
        return resumer;
    }

    private void resume(Session session, LocalUser user, ClientFrame frame) {
        ObjectNode cursors = frame.requiredObject("cursors");
        Map<UUID, Long> parsed = new java.util.LinkedHashMap<>();
        for (var entry : cursors.properties()) {
            String field = "cursors." + abbreviate(entry.getKey());
            UUID id = dev.tangle.common.id.Ids.parse(entry.getKey())
                    .orElseThrow(() -> FrameException.invalid(field, "is not a conversation id"));
            if (!entry.getValue().isIntegralNumber() || entry.getValue().asLong() < 0) {
                throw FrameException.invalid(field, "must be a sequence number of at least 0");
            }
            parsed.put(id, entry.getValue().asLong());
        }
        if (parsed.size() > 10_000) {
            throw FrameException.invalid("cursors", "at most 10000 conversations");
        }
        Thread.ofVirtual().name("resume-" + session.id()).start(() -> resumer.resume(session, user, frame.id(), parsed));
    }

    private void typing(LocalUser user, ClientFrame frame) {
        UUID conversationId = member(user, frame);
        if (user.typingAllowed(conversationId, typingIntervalNanos)) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("conversationId", conversationId.toString())
                    .put("userId", user.id().toString());
            nats.publish(Subjects.realtime("typing", conversationId), Json.write(body));
        }
    }

    private void read(Session session, ClientFrame frame) {
        UUID conversationId = frame.requiredId("conversationId");
        ObjectNode body = ChatClient.body(session.userId()).put("conversationId", conversationId.toString())
                .put("seq", frame.requiredLong("seq", 0));
        if (frame.body().path("force").asBoolean(false)) {
            body.put("force", true);
        }
        chat.request("chat", "read", body).whenComplete((reply, failure) -> {
            if (failure != null) {
                session.enqueue(Frames.error(frame.id(), unwrap(failure)));
            } else if (frame.id() != null) {
                session.enqueue(Frames.ack(frame.id(), null, null));
            }
        });
    }

    private void presence(Session session, ClientFrame frame) {
        String status = frame.requiredString("status", 1, 20);
        if (!STATUSES.contains(status)) {
            throw FrameException.invalid("status", "must be one of online, away, dnd, invisible");
        }
        String text = frame.optionalString("text", 0, 140).orElse(null);
        Instant expiresAt = frame.optionalString("expiresAt", 1, 40).map(FrameHandler::instant).orElse(null);
        Thread.ofVirtual().start(() -> {
            if (!presence.set(session.userId(), status, text, expiresAt)) {
                session.enqueue(Frames.error(frame.id(), "unavailable", "Presence cannot be stored right now; try again"));
            } else if (frame.id() != null) {
                session.enqueue(Frames.ack(frame.id(), null, null));
            }
        });
    }

    private void auth(Session session, ClientFrame frame) {
        String token = frame.requiredString("token", 1, 8192);
        Principal principal;
        try {
            principal = handshake.verify(token);
        } catch (ApiException e) {
            throw new FrameException("unauthorized", "token", e.getMessage());
        }
        if (!principal.userId().equals(session.userId())) {
            session.close(Session.CLOSE_UNAUTHORIZED, "token of another user");
            return;
        }
        session.tokenExpiresAt(principal.expiresAt());
        session.enqueue(Frames.ack(frame.id(), null, null));
    }

    /** The frame's conversationId, which must be one the user is delivered. */
    private static UUID member(LocalUser user, ClientFrame frame) {
        UUID conversationId = frame.requiredId("conversationId");
        if (!user.conversations().contains(conversationId)) {
            throw FrameException.notFound("Conversation");
        }
        return conversationId;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw FrameException.invalid("expiresAt", "must be an ISO-8601 UTC time");
        }
    }

    private static FrameException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof FrameException fe ? fe : new FrameException("internal_error", null, "The request failed");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
