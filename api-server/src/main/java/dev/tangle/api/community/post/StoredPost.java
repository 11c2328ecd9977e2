package dev.tangle.api.community.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post as stored, before the viewer-dependent parts (reactions) are added.
 *
 * @param id           post id (UUIDv7)
 * @param authorId     author
 * @param text         text, plain or markdown
 * @param format       {@code plain} or {@code markdown}
 * @param visibility   who may read it
 * @param groupId      the group of a {@code group} post, else null
 * @param mediaIds     attached media (at most 10)
 * @param location     where, as everyone sees it, or null
 * @param createdAt    creation time
 * @param editedAt     last edit, or null
 * @param commentCount comments not deleted, at any depth
 */
public record StoredPost(UUID id, UUID authorId, String text, String format, Visibility visibility, UUID groupId,
                         List<UUID> mediaIds, Location location, Instant createdAt, Instant editedAt,
                         int commentCount) {
}
