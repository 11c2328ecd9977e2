package dev.tangle.common.contract.ws;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.error.ApiException;

/**
 * Every frame the server sends (docs/websocket.md, Server → client). Serialized with Jackson, the {@code type}
 * property first; optional fields are left out when null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(ServerFrame.Hello.class), @JsonSubTypes.Type(ServerFrame.MessagePush.class),
        @JsonSubTypes.Type(ServerFrame.TypingPush.class), @JsonSubTypes.Type(ServerFrame.ReadPush.class),
        @JsonSubTypes.Type(ServerFrame.PresencePush.class), @JsonSubTypes.Type(ServerFrame.ConversationPush.class),
        @JsonSubTypes.Type(ServerFrame.Notification.class), @JsonSubTypes.Type(ServerFrame.CanvasSync.class),
        @JsonSubTypes.Type(ServerFrame.CanvasJoined.class), @JsonSubTypes.Type(ServerFrame.CanvasLeft.class),
        @JsonSubTypes.Type(ServerFrame.Ack.class), @JsonSubTypes.Type(ServerFrame.Resumed.class),
        @JsonSubTypes.Type(ServerFrame.Pong.class), @JsonSubTypes.Type(ServerFrame.Error.class)})
public sealed interface ServerFrame {

    /** The first frame of a session. */
    @JsonTypeName("hello")
    record Hello(UUID userId, String sessionId, long heartbeatMs) implements ServerFrame {
    }

    /** @param event created, edited, deleted or reaction */
    @JsonTypeName("message")
    record MessagePush(String event, String conversationId, JsonNode message) implements ServerFrame {
    }

    @JsonTypeName("typing")
    record TypingPush(String conversationId, String userId) implements ServerFrame {
    }

    @JsonTypeName("read")
    record ReadPush(String conversationId, String userId, long seq) implements ServerFrame {
    }

    /** @param status what friends see ({@code invisible} shows as {@code offline}) */
    @JsonTypeName("presence")
    record PresencePush(UUID userId, String status, @JsonInclude(Include.NON_NULL) String text) implements ServerFrame {
    }

    /** @param event added, removed or updated */
    @JsonTypeName("conversation")
    record ConversationPush(String event, JsonNode conversation) implements ServerFrame {
    }

    /**
     * {@code {type:"notification", kind, ...}}: the notification event's data as it is, so its fields are
     * written at the top level (see {@code Frames}).
     */
    @JsonTypeName("notification")
    record Notification(@JsonIgnore ObjectNode data) implements ServerFrame {
    }

    @JsonTypeName("canvas.sync")
    record CanvasSync(String conversationId, List<UUID> users) implements ServerFrame {
    }

    @JsonTypeName("canvas.joined")
    record CanvasJoined(String conversationId, UUID userId) implements ServerFrame {
    }

    @JsonTypeName("canvas.left")
    record CanvasLeft(String conversationId, UUID userId) implements ServerFrame {
    }

    /** The reply to send (with {@code message}), read, presence and auth. */
    @JsonTypeName("ack")
    @JsonInclude(Include.NON_NULL)
    record Ack(String id, JsonNode message) implements ServerFrame {
    }

    @JsonTypeName("resumed")
    @JsonPropertyOrder({"id", "delivered", "skipped"})
    record Resumed(@JsonInclude(Include.NON_NULL) String id, long delivered, List<String> skipped)
            implements ServerFrame {
    }

    @JsonTypeName("pong")
    @JsonInclude(Include.NON_NULL)
    record Pong(String id) implements ServerFrame {
    }

    /**
     * A client frame that could not be served; the session stays open. {@code code} is from the catalog
     * ({@link dev.tangle.common.error.ErrorCode}); {@code field} names the first invalid field and {@code errors}
     * lists them all, exactly as a problem+json body does.
     */
    @JsonTypeName("error")
    @JsonInclude(Include.NON_EMPTY)
    record Error(String id, String code, String detail, String field, List<ApiException.FieldError> errors)
            implements ServerFrame {

        /** The error frame of a failure, answering the frame with this id (or none). */
        public static Error of(String id, ApiException e) {
            List<ApiException.FieldError> errors = e.fieldErrors();
            return new Error(id, e.code(), e.detail(), errors.isEmpty() ? null : errors.getFirst().field(), errors);
        }
    }
}
