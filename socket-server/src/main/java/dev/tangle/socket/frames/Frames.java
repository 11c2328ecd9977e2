package dev.tangle.socket.frames;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.contract.ws.ServerFrame;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.json.Json;

/**
 * Serializes the server frames of the contract ({@link ServerFrame}, docs/websocket.md) once, into the
 * {@link OutFrame} every session it goes to shares.
 */
public final class Frames {

    private Frames() {
    }

    /** A frame of the contract, serialized. */
    public static OutFrame of(ServerFrame frame) {
        return of(frame, false, 0);
    }

    private static OutFrame of(ServerFrame frame, boolean droppable, long eventMillis) {
        String text = frame instanceof ServerFrame.Notification n ? notificationText(n) : Json.writeString(frame);
        return new OutFrame(type(frame), text, droppable, eventMillis);
    }

    /** A complete frame some other service built ({@code tangle.rt.user.<id>}), forwarded as is. */
    public static OutFrame of(ObjectNode frame) {
        return new OutFrame(frame.get("type").asText(), Json.writeString(frame), false, 0);
    }

    public static OutFrame hello(UUID userId, String sessionId, long heartbeatMs) {
        return of(new ServerFrame.Hello(userId, sessionId, heartbeatMs));
    }

    public static OutFrame error(String id, String code, String detail) {
        return error(id, ErrorCode.of(code).orElse(ErrorCode.INTERNAL_ERROR).exception(detail));
    }

    /** The error frame of a failure: its catalog code, detail, and field errors as REST shows them. */
    public static OutFrame error(String id, ApiException e) {
        return of(ServerFrame.Error.of(id, e));
    }

    /** {@code {type:"ack", id}} plus the message a send committed, or nothing. */
    public static OutFrame ack(String id, JsonNode message) {
        return of(new ServerFrame.Ack(id, message));
    }

    public static OutFrame pong(String id) {
        return of(new ServerFrame.Pong(id));
    }

    public static OutFrame resumed(String id, long delivered, List<String> skipped) {
        return of(new ServerFrame.Resumed(id, delivered, skipped));
    }

    public static OutFrame message(String event, String conversationId, JsonNode message, long eventMillis) {
        return of(new ServerFrame.MessagePush(event, conversationId, message), false, eventMillis);
    }

    public static OutFrame typing(String conversationId, String userId) {
        return of(new ServerFrame.TypingPush(conversationId, userId), true, 0);
    }

    public static OutFrame read(String conversationId, String userId, long seq) {
        return of(new ServerFrame.ReadPush(conversationId, userId, seq));
    }

    public static OutFrame presence(UUID userId, String status, String text) {
        return of(new ServerFrame.PresencePush(userId, status, text), true, 0);
    }

    public static OutFrame conversation(String event, JsonNode conversation) {
        return of(new ServerFrame.ConversationPush(event, conversation));
    }

    /** {@code {type:"notification", kind, ...}}: the event's data with the type added. */
    public static OutFrame notification(JsonNode data) {
        return of(new ServerFrame.Notification(data instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode()));
    }

    public static OutFrame canvasSync(String conversationId, Collection<UUID> users) {
        return of(new ServerFrame.CanvasSync(conversationId, List.copyOf(users)));
    }

    /** {@code canvas.joined} or {@code canvas.left}. */
    public static OutFrame canvas(String type, String conversationId, UUID userId) {
        return of("canvas.joined".equals(type) ? new ServerFrame.CanvasJoined(conversationId, userId)
                : new ServerFrame.CanvasLeft(conversationId, userId));
    }

    /** The wire {@code type} of a frame (its {@code @JsonTypeName}). */
    public static String type(ServerFrame frame) {
        return frame.getClass().getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value();
    }

    private static String notificationText(ServerFrame.Notification n) {
        ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "notification");
        n.data().properties().forEach(e -> {
            if (!"type".equals(e.getKey())) {
                frame.set(e.getKey(), e.getValue());
            }
        });
        return Json.writeString(frame);
    }
}
