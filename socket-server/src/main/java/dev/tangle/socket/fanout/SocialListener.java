package dev.tangle.socket.fanout;

import java.util.UUID;

/** Social graph changes that affect who sees whose presence. */
public interface SocialListener {

    void friendAdded(UUID userId, UUID friendId);

    void friendRemoved(UUID userId, UUID friendId);

    /** Either way: the two never see each other again. */
    void blocked(UUID blockerId, UUID blockedId);
}
