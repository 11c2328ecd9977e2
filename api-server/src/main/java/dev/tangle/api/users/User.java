package dev.tangle.api.users;

import java.time.Instant;
import java.util.UUID;

/**
 * The public view of an account: {@code {id, handle, displayName, bio, avatarMediaId, createdAt}}.
 */
public record User(UUID id, String handle, String displayName, String bio, UUID avatarMediaId, Instant createdAt) {
}
