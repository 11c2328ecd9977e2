package dev.tangle.api.groups;

import java.time.Instant;
import java.util.UUID;

import dev.tangle.api.users.User;

/**
 * A membership: {@code {groupId, userId, role, joinedAt, user}}.
 *
 * @param groupId  group
 * @param userId   member
 * @param role     owner, admin or member
 * @param joinedAt when the user joined or was added
 * @param user     the member's profile
 */
public record GroupMember(UUID groupId, UUID userId, String role, Instant joinedAt, User user) {
}
