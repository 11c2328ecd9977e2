package dev.tangle.api.groups;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/** Groups wired together. */
public record Groups(GroupService service) implements Feature {

    public static Groups start(ServiceInfra infra, SocialGraph graph) {
        return new Groups(new GroupService(infra.db(), infra.outbox(), new GroupRepository(), graph));
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new GroupHttpService(verifier, service));
    }
}
