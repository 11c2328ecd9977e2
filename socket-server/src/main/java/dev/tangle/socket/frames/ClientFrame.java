package dev.tangle.socket.frames;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;

/**
 * A parsed client frame with validated accessors; each failure is a {@link FrameException} naming the field.
 *
 * @param type the frame's type
 * @param id   the client's correlation id, or null
 * @param body the whole frame
 */
public record ClientFrame(String type, String id, ObjectNode body) {

    private static final int MAX_ID_LENGTH = 128;

    /** Parses one text frame: a JSON object with a string {@code type} and an optional string or number {@code id}. */
    public static ClientFrame parse(String text) {
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
            throw new FrameException("validation_failed", "type", "type: is required").withId(id);
        }
        return new ClientFrame(type.asText(), id, object);
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
