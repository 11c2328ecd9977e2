package dev.tangle.api.community.comment;

import java.time.Instant;
import java.util.UUID;

/**
 * A comment as stored.
 *
 * @param id         comment id (UUIDv7)
 * @param postId     the post
 * @param parentId   the comment it replies to, or null at the top level
 * @param path       materialized path: one 8-hex-digit sibling ordinal per level
 * @param depth      0 at the top level
 * @param authorId   author
 * @param text       text, or null once deleted
 * @param createdAt  creation time
 * @param editedAt   last edit, or null
 * @param deleted    a tombstone kept because it has replies
 * @param replyCount direct replies still stored (tombstones included)
 * @param level      in a tree query: levels below the listed comments (0 for them); else 0
 * @param rank       in a tree query: 1-based position among the siblings loaded; else 0
 */
public record StoredComment(UUID id, UUID postId, UUID parentId, String path, int depth, UUID authorId, String text,
                            Instant createdAt, Instant editedAt, boolean deleted, int replyCount, int level,
                            int rank) {
}
