package dev.tangle.socket.frames;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.contract.ws.ClientFrame;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;

/**
 * A client frame as parsed, with shape-checking accessors (each failure is a {@link FrameException} naming the
 * field), and its typed form {@link #toFrame()} of the contract's closed set {@link ClientFrame}. Only shapes are
 * checked here; what a command means (a send's clientMsgId, text, ...) is validated by the service that owns it.
 *
 * @param type the frame's type
 * @param id   the client's correlation id, or null
 * @param body the whole frame
 */
public record RawFrame(String type, String id, ObjectNode body) {

    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_CURSORS = 10_000;
    private static final Set<String> STATUSES = Set.of("online", "away", "dnd", "invisible");

    /** Parses one text frame: a JSON object with a string {@code type} and an optional string or number {@code id}. */
    public static RawFrame parse(String text) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new FrameException("malformed_frame", null, "The frame is not valid JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new FrameException("malformed_frame", null, "A frame must be a JSON object");
        }
        JsonNode idNode = object.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() && !idNode.isIntegralNumber() || idNode.asText().length() > MAX_ID_LENGTH) {
                throw FrameException.invalid("id", "must be a string or integer of at most " + MAX_ID_LENGTH + " characters");
            }
            id = idNode.asText();
        }
        JsonNode type = object.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw FrameException.invalid("type", "is required").withId(id);
        }
        return new RawFrame(type.asText(), id, object);
    }

    /** The typed frame; an unknown {@code type} is {@code unknown_type}. */
    public ClientFrame toFrame() {
        return switch (type) {
            case "send" -> new ClientFrame.Send(id, requiredId("conversationId"), sendBody());
            case "resume" -> cursors();
            case "typing" -> new ClientFrame.Typing(id, requiredId("conversationId"));
            case "read" -> new ClientFrame.Read(id, requiredId("conversationId"), requiredLong("seq", 0),
                    optionalBoolean("force"));
            case "presence" -> presence();
            case "canvas.join" -> new ClientFrame.CanvasJoin(id, requiredId("conversationId"));
            case "canvas.leave" -> new ClientFrame.CanvasLeave(id, requiredId("conversationId"));
            case "auth" -> new ClientFrame.Auth(id, requiredString("token", 1, 8192));
            case "ping" -> new ClientFrame.Ping(id);
            case "location" -> location();
            default -> throw new FrameException("unknown_type", "type", "Unknown frame type " + abbreviate(type));
        };
    }

    /** The send's own fields: the frame without {@code type} and {@code id}. */
    private ObjectNode sendBody() {
        ObjectNode fields = body.deepCopy();
        fields.remove("type");
        fields.remove("id");
        return fields;
    }

    private ClientFrame.Resume cursors() {
        ObjectNode cursors = requiredObject("cursors");
        if (cursors.size() > MAX_CURSORS) {
            throw FrameException.invalid("cursors", "at most " + MAX_CURSORS + " conversations");
        }
        Map<UUID, Long> parsed = new LinkedHashMap<>();
        for (var entry : cursors.properties()) {
            String field = "cursors." + abbreviate(entry.getKey());
            UUID conversationId = Ids.parse(entry.getKey())
                    .orElseThrow(() -> FrameException.invalid(field, "is not a conversation id"));
            if (!entry.getValue().isIntegralNumber() || entry.getValue().asLong() < 0) {
                throw FrameException.invalid(field, "must be a sequence number of at least 0");
            }
            parsed.put(conversationId, entry.getValue().asLong());
        }
        return new ClientFrame.Resume(id, parsed);
    }

    private ClientFrame.Presence presence() {
        String status = requiredString("status", 1, 20);
        if (!STATUSES.contains(status)) {
            throw FrameException.invalid("status", "must be one of online, away, dnd, invisible");
        }
        String text = optionalString("text", 0, 140).orElse(null);
        Instant expiresAt = optionalString("expiresAt", 1, 40).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw FrameException.invalid("expiresAt", "must be an ISO-8601 UTC time");
            }
        }).orElse(null);
        return new ClientFrame.Presence(id, status, text, expiresAt);
    }

    private ClientFrame.Location location() {
        for (String field : new String[] {"lat", "lon"}) {
            if (!body.path(field).isNumber()) {
                throw FrameException.invalid(field, "is required and must be a number");
            }
        }
        return new ClientFrame.Location(id, body.path("lat").asDouble(), body.path("lon").asDouble(),
                body.path("accuracyM").isNumber() ? body.path("accuracyM").asDouble() : null,
                body.path("batteryPct").isNumber() ? body.path("batteryPct").asInt() : null,
                body.path("at").isTextual() ? body.path("at").asText() : null);
    }

    private boolean optionalBoolean(String field) {
        return body.path(field).asBoolean(false);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    public UUID requiredId(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw FrameException.invalid(field, "is required");
        }
        if (!node.isTextual()) {
            throw FrameException.invalid(field, "must be an id string");
        }
        return Ids.parse(node.asText()).orElseThrow(() -> FrameException.invalid(field, "is not a valid id"));
    }

    public String requiredString(String field, int min, int max) {
        return optionalString(field, min, max).orElseThrow(() -> FrameException.invalid(field, "is required"));
    }

    public Optional<String> optionalString(String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw FrameException.invalid(field, "must be a string");
        }
        int length = node.asText().length();
        if (length < min || length > max) {
            throw FrameException.invalid(field, "must be " + min + " to " + max + " characters");
        }
        return Optional.of(node.asText());
    }

    public long requiredLong(String field, long min) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw FrameException.invalid(field, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min) {
            throw FrameException.invalid(field, "must be a whole number of at least " + min);
        }
        return node.asLong();
    }

    public ObjectNode requiredObject(String field) {
        JsonNode node = body.get(field);
        if (!(node instanceof ObjectNode object)) {
            throw FrameException.invalid(field, node == null || node.isNull() ? "is required" : "must be an object");
        }
        return object;
    }
}
