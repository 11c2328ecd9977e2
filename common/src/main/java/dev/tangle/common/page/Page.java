package dev.tangle.common.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {items, nextCursor}}; {@code nextCursor} is null at the end.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: if there is an extra row,
     * the cursor is made from the last item kept.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, List<?>> cursorKeys) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, Cursor.encode(cursorKeys.apply(items.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
