package dev.tangle.api.social;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * Friends and blocks wired together, with the {@code tangle.svc.social.*} endpoints (registered for ordered shutdown).
 *
 * @param friends requests, friendships
 * @param blocks  blocks
 */
public record Social(FriendService friends, BlockService blocks) implements Feature {

    /**
     * @param serviceConcurrency requests the NATS endpoints handle at once
     * @param setupConcurrency   of those, the friends query's own bound (socket-server's set-up read)
     */
    public static Social start(ServiceInfra infra, SocialGraph graph, UserRepository users, int serviceConcurrency,
                               int setupConcurrency) {
        FriendRepository repository = new FriendRepository();
        FriendService friends = new FriendService(infra.db(), infra.outbox(), repository, users, graph);
        BlockService blocks = new BlockService(infra.db(), infra.outbox(), repository, graph);
        infra.lifecycle().onStop("social nats service", SocialNatsService.start(infra.nats().connection(), friends,
                serviceConcurrency, setupConcurrency, infra.metrics().registry()));
        return new Social(friends, blocks);
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new FriendHttpService(verifier, friends))
                .register(new BlockHttpService(verifier, blocks));
    }
}
