package dev.tangle.common.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;

/**
 * A request's JSON object with validating accessors. Every failure is a 400 {@code validation_failed}
 * that names the field (dotted for nested objects), so handlers never build error bodies.
 */
public final class JsonBody {

    private final ObjectNode node;
    private final String prefix;

    JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * Wraps a parsed node; anything but an object is rejected, and so is a string anywhere in it (or a field name)
     * holding a character {@link TextRules} refuses, naming the field.
     */
    public static JsonBody of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw Problems.validation("body", "must be a JSON object");
        }
        TextRules.check(node);
        return new JsonBody((ObjectNode) node, "");
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredString(String field, int minLength, int maxLength) {
        return optionalString(field, minLength, maxLength).orElseThrow(() -> error(field, "is required"));
    }

    public Optional<String> optionalString(String field, int minLength, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (length < minLength || length > maxLength) {
            throw error(field, minLength == maxLength
                    ? "must be " + minLength + " characters"
                    : "must be " + minLength + " to " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    /** A string whose UTF-8 size is bounded, for large texts. */
    public Optional<String> optionalText(String field, int maxUtf8Bytes) {
        Optional<String> text = optionalString(field, 0, Integer.MAX_VALUE);
        text.ifPresent(t -> {
            if (Utf8.length(t) > maxUtf8Bytes) {
                throw error(field, "must be at most " + maxUtf8Bytes + " bytes of UTF-8");
            }
        });
        return text;
    }

    public String requiredMatching(String field, Pattern pattern, String rule) {
        String value = requiredString(field, 0, Integer.MAX_VALUE);
        if (!pattern.matcher(value).matches()) {
            throw error(field, rule);
        }
        return value;
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> error(field, "is required; one of " + Enums.names(type)));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalString(field, 1, 64).map(v -> Enums.parse(type, v)
                .orElseThrow(() -> error(field, "must be one of " + Enums.names(type))));
    }

    /** A UUID id such as every Tangle id; a malformed one is a validation error. */
    public Optional<java.util.UUID> optionalId(String field) {
        return optionalString(field, 1, 64).map(v -> Ids.parse(v).orElseThrow(() -> error(field, "is not a valid id")));
    }

    public java.util.UUID requiredId(String field) {
        return optionalId(field).orElseThrow(() -> error(field, "is required"));
    }

    public List<java.util.UUID> idList(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(field, "must be an array of ids");
        }
        if (value.size() > maxItems) {
            throw error(field, "must have at most " + maxItems + " items");
        }
        List<java.util.UUID> ids = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String fieldName = field + "[" + i + "]";
            if (!item.isTextual()) {
                throw error(fieldName, "must be an id string");
            }
            ids.add(Ids.parse(item.asText()).orElseThrow(() -> error(fieldName, "is not a valid id")));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(ids));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw error(field, "must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<Long> optionalLong(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "must be a whole number");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw error(field, "must be between " + min + " and " + max);
        }
        return Optional.of(v);
    }

    public long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max).orElseThrow(() -> error(field, "is required"));
    }

    public Optional<Double> optionalDouble(String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw error(field, "must be a number");
        }
        double v = value.doubleValue();
        if (v < min || v > max) {
            throw error(field, "must be between " + min + " and " + max);
        }
        return Optional.of(v);
    }

    public double requiredDouble(String field, double min, double max) {
        return optionalDouble(field, min, max).orElseThrow(() -> error(field, "is required"));
    }

    /** A nested object, whose field errors are named {@code field.child}. */
    public Optional<JsonBody> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.getNodeType() != JsonNodeType.OBJECT) {
            throw error(field, "must be an object");
        }
        return Optional.of(new JsonBody((ObjectNode) value, prefix + field + "."));
    }

    /** Rejects fields other than the given ones, for endpoints where a typo would silently change nothing. */
    public JsonBody onlyFields(Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw error(name, "is not a known field");
            }
        });
        return this;
    }

    /** A validation error on one of this body's fields. */
    public ApiException error(String field, String message) {
        return Problems.validation(prefix + field, message);
    }
}
