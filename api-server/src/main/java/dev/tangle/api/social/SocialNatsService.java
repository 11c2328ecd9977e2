package dev.tangle.api.social;

import dev.tangle.common.contract.social.SocialContract;
import dev.tangle.common.contract.social.SocialContract.FriendsReply;
import dev.tangle.common.contract.social.SocialContract.FriendsRequest;
import dev.tangle.common.error.Problems;
import dev.tangle.common.nats.service.NatsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/**
 * The {@code tangle.svc.social.*} operations of {@link SocialContract} on the common {@link NatsService} (queue
 * group {@code api-server}; database queries run on virtual threads, never on the NATS dispatcher; drains on stop).
 * socket-server asks {@code friends} for the presence audience of a connecting user.
 */
public final class SocialNatsService {

    private SocialNatsService() {
    }

    /**
     * @param setupConcurrency the friends query's own bound (socket-server's read when a user's first session opens)
     */
    public static NatsService start(Connection connection, FriendService friends, int maxConcurrency,
                                    int setupConcurrency, MeterRegistry meters) {
        return NatsService.builder(connection, SocialContract.SERVICE_NAME, SocialContract.VERSION)
                .description("Social graph queries of api-server")
                .queue(SocialContract.QUEUE).maxConcurrency(maxConcurrency).meters(meters)
                .endpoint(SocialContract.FRIENDS, (FriendsRequest request) -> {
                    if (request.userId() == null) {
                        throw Problems.validation("userId", "is required and must be an id");
                    }
                    return new FriendsReply(friends.friendIds(request.userId()));
                }, setupConcurrency)
                .start();
    }
}
