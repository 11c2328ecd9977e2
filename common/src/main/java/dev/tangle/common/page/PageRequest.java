package dev.tangle.common.page;

import java.util.List;
import java.util.Optional;

import dev.tangle.common.error.Problems;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code ?limit=} (default 50, max 200) and {@code ?cursor=} of a list request.
 *
 * @param limit  page size
 * @param cursor the opaque cursor from the previous page, if any
 */
public record PageRequest(int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest from(ServerRequest req) {
        var query = req.query();
        int limit = DEFAULT_LIMIT;
        if (query.contains("limit")) {
            String raw = query.get("limit");
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw Problems.validation("limit", "must be a whole number");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw Problems.validation("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        Optional<String> cursor = query.contains("cursor") && !query.get("cursor").isBlank()
                ? Optional.of(query.get("cursor")) : Optional.empty();
        return new PageRequest(limit, cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** The decoded keys of the cursor, if one was given. */
    public Optional<List<String>> keys(int size) {
        return cursor.map(c -> Cursor.decode(c, size));
    }

    /** Ask the store for one more row than the page holds, to know whether there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }
}
