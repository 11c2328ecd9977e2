package dev.tangle.api.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One search result. {@code snippet} is plain text around the matches (never HTML); {@code highlights} are
 * {@code [start, end)} character offsets of the matched words inside it, for the client to mark up.
 *
 * @param kind           {@code message}, {@code post}, {@code comment} or {@code user}
 * @param conversationId for messages
 * @param seq            for messages
 * @param postId         for comments (and posts: their own id)
 * @param authorId       sender, author or the user itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(String kind, UUID id, UUID conversationId, Long seq, UUID postId, UUID authorId,
                        Instant createdAt, String snippet, List<int[]> highlights, double rank) {
}
