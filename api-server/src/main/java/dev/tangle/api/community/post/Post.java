package dev.tangle.api.community.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tangle.api.community.shared.Reactions;
import dev.tangle.common.contract.MediaContract;

/**
 * The wire shape of a post: {@code {id, authorId, text, format, visibility, groupId, mediaIds, location,
 * createdAt, editedAt, commentCount, reactions, attachments}}; {@code attachments} is the current metadata of each
 * of {@code mediaIds} from media-service (a {@code status:"deleted"} placeholder once deleted), or null when
 * media-service did not answer.
 */
public record Post(UUID id, UUID authorId, String text, String format, String visibility, UUID groupId,
                   List<UUID> mediaIds, Location location, Instant createdAt, Instant editedAt, int commentCount,
                   Reactions reactions, List<MediaContract.MediaSummary> attachments) {

    public static Post of(StoredPost p, Reactions reactions) {
        return of(p, reactions, p.mediaIds().isEmpty() ? List.of() : null);
    }

    public static Post of(StoredPost p, Reactions reactions, List<MediaContract.MediaSummary> attachments) {
        return new Post(p.id(), p.authorId(), p.text(), p.format(), p.visibility().wire(), p.groupId(),
                p.mediaIds(), p.location(), p.createdAt(), p.editedAt(), p.commentCount(), reactions, attachments);
    }
}
