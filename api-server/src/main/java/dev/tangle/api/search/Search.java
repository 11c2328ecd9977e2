package dev.tangle.api.search;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/** Full-text search wired together. */
public record Search(SearchService service) implements Feature {

    public static Search start(ServiceInfra infra) {
        return new Search(new SearchService(infra.db(), new SearchRepository()));
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new SearchHttpService(verifier, service));
    }
}
