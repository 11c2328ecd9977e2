package dev.tangle.common.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;

/**
 * Opaque cursors: the sort key of the last item of a page, as base64url JSON. Clients must not parse them;
 * a cursor that does not decode is a 400 on the {@code cursor} parameter.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(List<?> keys) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(keys));
    }

    public static String encode(Object... keys) {
        return encode(List.of(keys));
    }

    /** The keys of a cursor, each as text; exactly {@code size} of them or it is invalid. */
    public static List<String> decode(String cursor, int size) {
        try {
            JsonNode node = Json.tree(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)));
            if (!node.isArray() || node.size() != size) {
                throw Problems.validation("cursor", "is not a valid cursor");
            }
            return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw Problems.validation("cursor", "is not a valid cursor");
        }
    }
}
