package dev.tangle.api.social;

import java.time.Instant;
import java.util.UUID;

import dev.tangle.api.users.User;

/**
 * A friend request: {@code {id, fromUserId, toUserId, status, createdAt, user}}.
 *
 * @param id         request id
 * @param fromUserId who asked
 * @param toUserId   who was asked
 * @param status     pending, accepted, declined or cancelled
 * @param createdAt  when it was sent
 * @param user       the other party, seen from the caller
 */
public record FriendRequest(UUID id, UUID fromUserId, UUID toUserId, String status, Instant createdAt, User user) {

    FriendRequest withStatus(String newStatus) {
        return new FriendRequest(id, fromUserId, toUserId, newStatus, createdAt, user);
    }

    FriendRequest withUser(User other) {
        return new FriendRequest(id, fromUserId, toUserId, status, createdAt, other);
    }
}
