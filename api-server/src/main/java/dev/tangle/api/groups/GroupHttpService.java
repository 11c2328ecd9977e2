package dev.tangle.api.groups;

import java.util.Set;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph.GroupRole;
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

/** {@code /v1/groups/*}: groups, members, join, leave, kick, roles. */
public final class GroupHttpService implements HttpService {

    /** Group visibility on the wire. */
    enum Visibility { PUBLIC, PRIVATE }

    private static final Set<String> PATCH_FIELDS = Set.of("name", "description", "visibility");

    private final TokenVerifier verifier;
    private final GroupService groups;

    public GroupHttpService(TokenVerifier verifier, GroupService groups) {
        this.verifier = verifier;
        this.groups = groups;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .post("/v1/groups", this::create)
                .get("/v1/groups", this::mine)
                .get("/v1/groups/{id}", this::get)
                .patch("/v1/groups/{id}", this::update)
                .get("/v1/groups/{id}/members", this::members)
                .post("/v1/groups/{id}/members", this::add)
                .post("/v1/groups/{id}/join", this::join)
                .delete("/v1/groups/{id}/members/{userId}", this::remove)
                .patch("/v1/groups/{id}/members/{userId}", this::changeRole);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        JsonBody body = HttpJson.body(req);
        String name = name(body).orElseThrow(() -> body.error("name", "is required"));
        String description = body.optionalString("description", 0, 1000).orElse("");
        String visibility = body.requiredEnum("visibility", Visibility.class).name().toLowerCase();
        HttpJson.created(res, groups.create(me.userId(), name, description, visibility));
    }

    private void mine(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, groups.mine(me.userId(), PageRequest.from(req)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, groups.get(me.userId(), groupId(req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        UUID id = groupId(req);
        JsonBody body = HttpJson.body(req).onlyFields(PATCH_FIELDS);
        var patch = new GroupService.GroupPatch(name(body).orElse(null),
                body.optionalString("description", 0, 1000).orElse(null),
                body.optionalEnum("visibility", Visibility.class).map(v -> v.name().toLowerCase()).orElse(null));
        HttpJson.ok(res, groups.update(me.userId(), id, patch));
    }

    private void members(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, groups.members(me.userId(), groupId(req), PageRequest.from(req)));
    }

    private void add(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        UUID id = groupId(req);
        HttpJson.created(res, groups.add(me.userId(), id, HttpJson.body(req).requiredId("userId")));
    }

    private void join(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        HttpJson.ok(res, groups.join(me.userId(), groupId(req)));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        groups.remove(me.userId(), groupId(req), memberId(req));
        HttpJson.noContent(res);
    }

    private void changeRole(ServerRequest req, ServerResponse res) {
        Principal me = Authn.require(req, verifier);
        UUID id = groupId(req);
        UUID userId = memberId(req);
        GroupRole role = HttpJson.body(req).onlyFields(Set.of("role")).requiredEnum("role", GroupRole.class);
        HttpJson.ok(res, groups.changeRole(me.userId(), id, userId, role));
    }

    private static java.util.Optional<String> name(JsonBody body) {
        var name = body.optionalString("name", 1, 100);
        if (name.isPresent() && name.get().isBlank()) {
            throw body.error("name", "must not be blank");
        }
        return name;
    }

    private static UUID groupId(ServerRequest req) {
        return Ids.parse(req.path().pathParameters().get("id")).orElseThrow(() -> Problems.notFound("Group"));
    }

    private static UUID memberId(ServerRequest req) {
        return Ids.parse(req.path().pathParameters().get("userId")).orElseThrow(() -> Problems.notFound("Member"));
    }
}
