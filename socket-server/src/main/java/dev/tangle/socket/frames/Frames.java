package dev.tangle.socket.frames;

import java.util.Collection;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.json.Json;

/** Builds the server frames of {@code docs/websocket.md}. */
public final class Frames {

    private Frames() {
    }

    public static ObjectNode object(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    public static OutFrame of(ObjectNode frame) {
        return new OutFrame(frame.get("type").asText(), Json.writeString(frame), false, 0);
    }

    private static OutFrame droppable(ObjectNode frame) {
        return new OutFrame(frame.get("type").asText(), Json.writeString(frame), true, 0);
    }

    public static OutFrame hello(UUID userId, String sessionId, long heartbeatMs) {
        return of(object("hello").put("userId", userId.toString()).put("sessionId", sessionId).put("heartbeatMs", heartbeatMs));
    }

    public static OutFrame error(String id, String code, String detail) {
        ObjectNode frame = object("error");
        putId(frame, id);
        return of(frame.put("code", code).put("detail", detail));
    }

    public static OutFrame error(String id, FrameException e) {
        ObjectNode frame = object("error");
        putId(frame, id);
        frame.put("code", e.code()).put("detail", e.getMessage());
        if (e.field() != null) {
            frame.put("field", e.field());
        }
        return of(frame);
    }

    /** {@code {type:"ack", id}} plus the given fields. */
    public static OutFrame ack(String id, String field, JsonNode value) {
        ObjectNode frame = object("ack");
        putId(frame, id);
        if (field != null) {
            frame.set(field, value);
        }
        return of(frame);
    }

    public static OutFrame pong(String id) {
        ObjectNode frame = object("pong");
        putId(frame, id);
        return of(frame);
    }

    public static OutFrame message(String event, String conversationId, JsonNode message, long eventMillis) {
        ObjectNode frame = object("message").put("event", event).put("conversationId", conversationId);
        frame.set("message", message);
        return new OutFrame("message", Json.writeString(frame), false, eventMillis);
    }

    public static OutFrame typing(String conversationId, String userId) {
        return droppable(object("typing").put("conversationId", conversationId).put("userId", userId));
    }

    public static OutFrame read(String conversationId, String userId, long seq) {
        return of(object("read").put("conversationId", conversationId).put("userId", userId).put("seq", seq));
    }

    public static OutFrame presence(UUID userId, String status, String text) {
        ObjectNode frame = object("presence").put("userId", userId.toString()).put("status", status);
        if (text != null) {
            frame.put("text", text);
        }
        return droppable(frame);
    }

    public static OutFrame conversation(String event, JsonNode conversation) {
        ObjectNode frame = object("conversation").put("event", event);
        frame.set("conversation", conversation);
        return of(frame);
    }

    /** {@code {type:"notification", kind, ...}}: the event's data with the type added. */
    public static OutFrame notification(JsonNode data) {
        ObjectNode frame = object("notification");
        if (data instanceof ObjectNode fields) {
            fields.properties().forEach(e -> {
                if (!"type".equals(e.getKey())) {
                    frame.set(e.getKey(), e.getValue());
                }
            });
        }
        return of(frame);
    }

    public static OutFrame canvasSync(String conversationId, Collection<UUID> users) {
        ObjectNode frame = object("canvas.sync").put("conversationId", conversationId);
        ArrayNode array = frame.putArray("users");
        users.forEach(u -> array.add(u.toString()));
        return of(frame);
    }

    public static OutFrame canvas(String type, String conversationId, UUID userId) {
        return of(object(type).put("conversationId", conversationId).put("userId", userId.toString()));
    }

    private static void putId(ObjectNode frame, String id) {
        if (id != null) {
            frame.put("id", id);
        }
    }
}
