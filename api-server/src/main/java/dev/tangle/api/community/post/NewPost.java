package dev.tangle.api.community.post;

import java.util.List;
import java.util.UUID;

/**
 * A validated request to create a post.
 *
 * @param text       the text (may be empty when media are attached)
 * @param format     {@code plain} or {@code markdown}
 * @param visibility who may read it
 * @param groupId    required for, and only for, {@code group}
 * @param mediaIds   up to 10 media ids
 * @param location   the location to store (already snapped when approximate), or null
 */
public record NewPost(String text, String format, Visibility visibility, UUID groupId, List<UUID> mediaIds,
                      Location location) {
}
