package dev.tangle.common.contract.social;

import java.util.UUID;

/**
 * The {@code data} of the social-graph events on {@code tangle.evt.user.<userId>.*} (docs/events.md, Identity
 * and social graph; schemas in docs/events/).
 */
public final class SocialEventData {

    private SocialEventData() {
    }

    /** {@code friend.added|removed}, once per side. */
    public record FriendEdge(UUID userId, UUID friendId) {
    }

    /** {@code friend.request.declined|cancelled}. */
    public record FriendRequestEvent(UUID requestId, UUID fromUserId, UUID toUserId) {
    }

    /** {@code block.added|removed}. */
    public record BlockEvent(UUID blockerId, UUID blockedId) {
    }

    /** The notification {@code friend.requested}. */
    public record FriendRequested(String kind, UUID requestId, UUID fromUserId) {
        public FriendRequested(UUID requestId, UUID fromUserId) {
            this("friend.requested", requestId, fromUserId);
        }
    }

    /** The notification {@code friend.accepted}; {@code userId} is who accepted. */
    public record FriendAccepted(String kind, UUID requestId, UUID userId) {
        public FriendAccepted(UUID requestId, UUID userId) {
            this("friend.accepted", requestId, userId);
        }
    }
}
