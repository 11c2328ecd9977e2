package dev.tangle.api.users;

import java.util.Set;
import java.util.regex.Pattern;

import dev.tangle.common.auth.Authn;
import dev.tangle.common.auth.Principal;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import dev.tangle.common.http.Routes;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.json.JsonBody;
import dev.tangle.common.page.PageRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/users/*}: profiles and handle search. */
public final class UserHttpService implements HttpService {

    private static final Pattern HANDLE_PREFIX = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Set<String> PATCH_FIELDS = Set.of("displayName", "bio", "avatarMediaId");

    private final TokenVerifier verifier;
    private final UserService users;

    public UserHttpService(TokenVerifier verifier, UserService users) {
        this.verifier = verifier;
        this.users = users;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .get("/v1/users/me", this::me)
                .patch("/v1/users/me", this::update)
                .get("/v1/users/{id}", this::get)
                .get("/v1/users", this::search);
    }

    private void me(ServerRequest req, ServerResponse res) {
        HttpJson.ok(res, users.me(Authn.require(req, verifier).userId()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        JsonBody body = HttpJson.body(req).onlyFields(PATCH_FIELDS);
        String displayName = body.optionalString("displayName", 1, 64).orElse(null);
        if (displayName != null && displayName.isBlank()) {
            throw Problems.validation("displayName", "must not be blank");
        }
        String bio = body.optionalString("bio", 0, 500).orElse(null);
        boolean avatarGiven = body.node().has("avatarMediaId");
        var avatar = body.optionalId("avatarMediaId").orElse(null);
        HttpJson.ok(res, users.update(me.userId(), new ProfilePatch(displayName, bio, avatarGiven, avatar)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        var id = Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound("User"));
        HttpJson.ok(res, users.get(me.userId(), id));
    }

    private void search(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        String q = req.query().contains("q") ? req.query().get("q") : "";
        if (!HANDLE_PREFIX.matcher(q).matches()) {
            throw Problems.validation("q", "must be 1 to 32 characters of a-z, 0-9 and _");
        }
        HttpJson.ok(res, users.search(me.userId(), q, PageRequest.from(req)));
    }
}
