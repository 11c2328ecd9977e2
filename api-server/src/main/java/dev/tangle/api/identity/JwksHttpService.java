package dev.tangle.api.identity;

import dev.tangle.common.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /.well-known/jwks.json}: the public halves of the signing keys, for every verifier. */
public final class JwksHttpService implements HttpService {

    private final String body;

    public JwksHttpService(SigningKeys keys) {
        this.body = keys.publicSet().toString(true);
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).get("/.well-known/jwks.json", this::jwks);
    }

    private void jwks(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/jwk-set+json");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=60");
        res.send(body);
    }
}
