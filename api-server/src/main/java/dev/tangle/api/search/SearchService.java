package dev.tangle.api.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/**
 * Search over what the searcher may read. Results are ranked (an exact phrase of the query's words first), so
 * pages are offsets into the ranking: the cursor holds the offset, up to {@link #MAX_OFFSET}.
 */
public final class SearchService {

    static final int MAX_OFFSET = 1000;

    private final Database db;
    private final SearchRepository repository;

    public SearchService(Database db, SearchRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public enum Kind { MESSAGES, POSTS, USERS }

    /**
     * @param conversationId only messages of this conversation (messages only)
     * @param from           created at or after
     * @param to             created before
     */
    public record Query(UUID me, SearchSyntax syntax, Kind kind, Optional<UUID> conversationId,
                        Optional<Instant> from, Optional<Instant> to) {
    }

    public Page<SearchHit> search(Query query, PageRequest page) {
        int offset = page.keys(1).map(k -> offset(k.getFirst())).orElse(0);
        DbExecute read = db.client().execute();
        List<SearchHit> rows = switch (query.kind()) {
            case MESSAGES -> repository.messages(read, query.me(), query.syntax(), query.conversationId(),
                    query.from(), query.to(), offset, page.fetchSize());
            case POSTS -> repository.posts(read, query.me(), query.syntax(), query.from(), query.to(), offset,
                    page.fetchSize());
            case USERS -> repository.users(read, query.me(), query.syntax(), offset, page.fetchSize());
        };
        boolean more = rows.size() > page.limit() && offset + page.limit() < MAX_OFFSET;
        List<SearchHit> items = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
        return new Page<>(items, more ? dev.tangle.common.page.Cursor.encode(offset + page.limit()) : null);
    }

    private static int offset(String key) {
        try {
            int offset = Integer.parseInt(key);
            if (offset >= 0 && offset <= MAX_OFFSET) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw dev.tangle.common.error.Problems.validation("cursor", "is not a valid cursor");
    }
}
