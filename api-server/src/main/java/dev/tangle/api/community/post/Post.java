package dev.tangle.api.community.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tangle.api.community.Reactions;

/**
 * The wire shape of a post: {@code {id, authorId, text, format, visibility, groupId, mediaIds, location,
 * createdAt, editedAt, commentCount, reactions}}.
 */
public record Post(UUID id, UUID authorId, String text, String format, String visibility, UUID groupId,
                   List<UUID> mediaIds, Location location, Instant createdAt, Instant editedAt, int commentCount,
                   Reactions reactions) {

    public static Post of(StoredPost p, Reactions reactions) {
        return new Post(p.id(), p.authorId(), p.text(), p.format(), p.visibility().wire(), p.groupId(),
                p.mediaIds(), p.location(), p.createdAt(), p.editedAt(), p.commentCount(), reactions);
    }
}
