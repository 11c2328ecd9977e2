package dev.tangle.api.community.comment;

import java.time.Instant;
import java.util.UUID;

import dev.tangle.api.community.shared.Reactions;
import dev.tangle.common.page.Page;

/**
 * The wire shape of a comment: {@code {id, postId, parentId, depth, authorId, text, createdAt, editedAt,
 * replyCount, reactions, deleted, hidden, replies}}. A deleted comment with replies is a tombstone
 * ({@code deleted: true}, no text); a comment by a user blocked either way is {@code hidden: true} with neither
 * author nor text. {@code replies} is null where replies were not asked for (a created or edited comment).
 */
public record Comment(UUID id, UUID postId, UUID parentId, int depth, UUID authorId, String text, Instant createdAt,
                      Instant editedAt, int replyCount, Reactions reactions, boolean deleted, boolean hidden,
                      Page<Comment> replies) {

    static Comment of(StoredComment c, Reactions reactions, boolean hidden, Page<Comment> replies) {
        if (hidden) {
            return new Comment(c.id(), c.postId(), c.parentId(), c.depth(), null, null, c.createdAt(), null,
                    c.replyCount(), Reactions.NONE, c.deleted(), true, replies);
        }
        return new Comment(c.id(), c.postId(), c.parentId(), c.depth(), c.authorId(), c.deleted() ? null : c.text(),
                c.createdAt(), c.editedAt(), c.replyCount(), c.deleted() ? Reactions.NONE : reactions, c.deleted(),
                false, replies);
    }
}
