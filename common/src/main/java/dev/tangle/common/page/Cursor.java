package dev.tangle.common.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.json.TextRules;

/**
 * Opaque cursors: the sort key of the last item of a page, as base64url JSON. Clients must not parse them;
 * a cursor that does not decode, has the wrong shape, or whose keys are not of their type (a UUID, an instant,
 * text without refused characters) is a 400 on the {@code cursor} parameter — never reaches SQL.
 */
public final class Cursor {

    private static final int MAX_LENGTH = 1024;

    private Cursor() {
    }

    public static String encode(List<?> keys) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(keys));
    }

    public static String encode(Object... keys) {
        return encode(List.of(keys));
    }

    /** The keys of a cursor, each as text; exactly {@code size} of them, each a string or number, or it is invalid. */
    public static List<String> decode(String cursor, int size) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        JsonNode node;
        try {
            node = Json.tree(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw invalid();
        }
        if (node == null || !node.isArray() || node.size() != size) {
            throw invalid();
        }
        List<String> keys = new ArrayList<>(size);
        for (JsonNode key : node) {
            if (!(key.isTextual() || key.isNumber()) || !TextRules.valid(key.asText())) {
                throw invalid();
            }
            keys.add(key.asText());
        }
        return keys;
    }

    /** A cursor key that must be an id. */
    public static UUID uuid(String key) {
        return Ids.parse(key).orElseThrow(Cursor::invalid);
    }

    /** A cursor key that must be an ISO-8601 instant. */
    public static Instant instant(String key) {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    static ApiException invalid() {
        return Problems.validation("cursor", "is not a valid cursor");
    }
}
