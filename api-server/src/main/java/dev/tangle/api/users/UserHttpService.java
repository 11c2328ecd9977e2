package dev.tangle.api.users;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.json.HttpJson;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/users/*}: profiles. */
public final class UserHttpService implements HttpService {

    private final TokenVerifier verifier;
    private final Database db;
    private final UserRepository users;

    public UserHttpService(TokenVerifier verifier, Database db, UserRepository users) {
        this.verifier = verifier;
        this.db = db;
        this.users = users;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules).get("/v1/users/me", this::me);
    }

    private void me(ServerRequest req, ServerResponse res) {
        var caller = Authn.require(req, verifier);
        HttpJson.ok(res, users.find(db.client().execute(), caller.userId())
                .orElseThrow(() -> Problems.unauthorized("The account no longer exists")));
    }
}
