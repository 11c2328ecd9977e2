package dev.tangle.common.contract.social;

import java.util.List;
import java.util.UUID;

import dev.tangle.common.nats.service.Operation;

/** {@code tangle.svc.social.*}, answered by api-server in the queue group {@link #QUEUE}. */
public final class SocialContract {

    public static final String SERVICE_NAME = "tangle-social";
    public static final String VERSION = "1.0.0";
    public static final String QUEUE = "api-server";

    /** The friends of a user, for socket-server's presence audience. */
    public static final Operation<FriendsRequest, FriendsReply> FRIENDS =
            Operation.of("social", "friends", FriendsRequest.class, FriendsReply.class);

    public static final List<Operation<?, ?>> OPERATIONS = List.of(FRIENDS);

    private SocialContract() {
    }

    public record FriendsRequest(UUID userId) {
    }

    /** @param friendIds unordered; blocked users are never friends */
    public record FriendsReply(List<UUID> friendIds) {
    }
}
