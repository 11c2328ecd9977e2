package dev.tangle.api.users;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/** Profiles wired together. */
public record Users(UserService service) implements Feature {

    public static Users start(ServiceInfra infra, UserRepository users) {
        return new Users(new UserService(infra.db(), infra.outbox(), users));
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new UserHttpService(verifier, service));
    }
}
