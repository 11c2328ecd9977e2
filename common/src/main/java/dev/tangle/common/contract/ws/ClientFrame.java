package dev.tangle.common.contract.ws;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every frame a client may send (docs/websocket.md, Client → server), after its shape was checked. A switch over
 * this sealed type is exhaustive, so a new frame type cannot be forgotten by the server. {@code id} is the
 * client's correlation id (or null), echoed in the reply.
 */
public sealed interface ClientFrame {

    /** The wire {@code type} of each frame. */
    Map<Class<? extends ClientFrame>, String> TYPES = Map.of(Send.class, "send", Resume.class, "resume",
            Typing.class, "typing", Read.class, "read", Presence.class, "presence", CanvasJoin.class, "canvas.join",
            CanvasLeave.class, "canvas.leave", Auth.class, "auth", Ping.class, "ping", Location.class, "location");

    String id();

    /** The frame's wire {@code type}. */
    default String type() {
        return TYPES.get(getClass());
    }

    /**
     * A send: {@code body} is the frame without {@code type} and {@code id}, the same fields as the REST send body,
     * validated only by api-server.
     */
    record Send(String id, UUID conversationId, ObjectNode body) implements ClientFrame {
    }

    /** @param cursors the last seq the client saw, per conversation */
    record Resume(String id, Map<UUID, Long> cursors) implements ClientFrame {
    }

    record Typing(String id, UUID conversationId) implements ClientFrame {
    }

    record Read(String id, UUID conversationId, long seq, boolean force) implements ClientFrame {
    }

    /** @param status online, away, dnd or invisible */
    record Presence(String id, String status, String text, Instant expiresAt) implements ClientFrame {
    }

    record CanvasJoin(String id, UUID conversationId) implements ClientFrame {
    }

    record CanvasLeave(String id, UUID conversationId) implements ClientFrame {
    }

    /** A fresh access token for a session that lives on. */
    record Auth(String id, String token) implements ClientFrame {
    }

    record Ping(String id) implements ClientFrame {
    }

    /**
     * A location update, forwarded to geo-service ({@code tangle.svc.geo.location}), which validates ranges.
     *
     * @param at the device's time as sent (ISO-8601), or null
     */
    record Location(String id, double lat, double lon, Double accuracyM, Integer batteryPct, String at)
            implements ClientFrame {
    }
}
