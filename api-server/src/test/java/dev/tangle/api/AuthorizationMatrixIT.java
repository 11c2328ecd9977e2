package dev.tangle.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestDb;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.HttpTestClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of identity, users, friends, blocks and groups, called by each member of a cast defined
 * relative to one user, the owner: anonymous, a stranger, the owner's friend, a user the owner blocked, a
 * member and an admin of the owner's private group, and the owner. Each cell asserts the status code.
 */
class AuthorizationMatrixIT {

    enum Role { ANONYMOUS, STRANGER, FRIEND, BLOCKED, MEMBER, ADMIN, OWNER }

    /** One endpoint: how each role calls it, and the expected status per role in {@link Role} order. */
    record Row(String endpoint, Call call, int... expected) {
    }

    interface Call {
        Response call(Role role, TestUser actor, String token);
    }

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static TestDb db;
    private static final Map<Role, TestUser> CAST = new EnumMap<>(Role.class);
    private static final Map<Role, String> REFRESH = new EnumMap<>(Role.class);
    private static TestUser owner;
    private static UUID privateGroup;
    private static UUID publicGroup;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
        db = new TestDb(api.env());
        for (Role role : Role.values()) {
            if (role != Role.ANONYMOUS) {
                TestUser user = api.register(role.name().toLowerCase());
                CAST.put(role, user);
                REFRESH.put(role, user.refreshToken());
            }
        }
        owner = CAST.get(Role.OWNER);
        TestUser friend = CAST.get(Role.FRIEND);
        String requestId = ok(http.post("/v1/friends/requests", Map.of("userId", owner.id().toString()), friend.accessToken()), 201)
                .get("id").asText();
        ok(http.post("/v1/friends/requests/" + requestId + "/accept", "{}", owner.accessToken()), 200);
        ok(http.post("/v1/blocks", Map.of("userId", CAST.get(Role.BLOCKED).id().toString()), owner.accessToken()), 204);
        privateGroup = UUID.fromString(ok(http.post("/v1/groups", Map.of("name", "Inner circle", "visibility", "private"),
                owner.accessToken()), 201).get("id").asText());
        publicGroup = UUID.fromString(ok(http.post("/v1/groups", Map.of("name", "Town square", "visibility", "public"),
                owner.accessToken()), 201).get("id").asText());
        addMember(Role.MEMBER);
        addMember(Role.ADMIN);
        ok(http.patch(members(privateGroup) + "/" + CAST.get(Role.ADMIN).id(), Map.of("role", "admin"), owner.accessToken()), 200);
    }

    @AfterAll
    static void stop() {
        db.close();
        api.close();
    }

    @Test
    void everyEndpointAnswersEachRoleAsSpecified() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Row row : rows()) {
            for (Role role : Role.values()) {
                TestUser actor = CAST.get(role);
                Response response = row.call().call(role, actor, actor == null ? null : actor.accessToken());
                int expected = row.expected()[role.ordinal()];
                cells++;
                if (response.status() != expected) {
                    mismatches.add(String.format("%-55s %-9s expected %d, got %s", row.endpoint(), role, expected, response));
                }
            }
        }
        assertThat(mismatches).as("cells checked: " + cells).isEmpty();
        assertThat(cells).isEqualTo(rows().size() * Role.values().length);
    }

    @Test
    void blockedUsersAreHiddenFromEachOther() {
        TestUser blocked = CAST.get(Role.BLOCKED);
        assertThat(handles(http.get("/v1/users?q=" + owner.handle(), blocked.accessToken()))).isEmpty();
        assertThat(handles(http.get("/v1/users?q=" + blocked.handle(), owner.accessToken()))).isEmpty();
        assertThat(handles(http.get("/v1/users?q=" + owner.handle(), CAST.get(Role.STRANGER).accessToken())))
                .containsExactly(owner.handle());
        assertThat(http.get("/v1/users/" + blocked.id(), owner.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/v1/friends/requests", Map.of("userId", blocked.id().toString()), owner.accessToken()).status())
                .isEqualTo(404);
        // the owner's public group lists its members without the owner to the blocked user
        UUID group = UUID.fromString(ok(http.post("/v1/groups", Map.of("name", "Open", "visibility", "public"),
                owner.accessToken()), 201).get("id").asText());
        ok(http.post("/v1/groups/" + group + "/join", "{}", blocked.accessToken()), 200);
        assertThat(http.get(members(group), blocked.accessToken()).json().get("items")).hasSize(1);
        assertThat(http.get(members(group), owner.accessToken()).json().get("items")).hasSize(1);
        assertThat(http.post(members(group), Map.of("userId", blocked.id().toString()), owner.accessToken()).status())
                .isEqualTo(404);
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(authRows());
        rows.addAll(userRows());
        rows.addAll(friendRows());
        rows.addAll(groupRows());
        rows.addAll(destructiveRows());
        return rows;
    }

    private static List<Row> authRows() {
        return List.of(
                new Row("POST /v1/auth/register", (role, actor, token) -> http.post("/v1/auth/register",
                        Map.of("handle", "new_" + UUID.randomUUID().toString().substring(0, 8), "password", "long enough pw"), token),
                        201, 201, 201, 201, 201, 201, 201),
                new Row("POST /v1/auth/login", (role, actor, token) -> actor == null
                        ? http.post("/v1/auth/login", Map.of("handle", "nobody_at_all", "password", "whatever"), null)
                        : http.post("/v1/auth/login", Map.of("handle", actor.handle(), "password", actor.password()), null),
                        401, 200, 200, 200, 200, 200, 200),
                new Row("POST /v1/auth/refresh", (role, actor, token) -> {
                    Response r = http.post("/v1/auth/refresh", Map.of("refreshToken", actor == null ? "garbage" : REFRESH.get(role)), null);
                    if (r.status() == 200) {
                        REFRESH.put(role, r.json().get("refreshToken").asText());
                    }
                    return r;
                }, 401, 200, 200, 200, 200, 200, 200),
                new Row("POST /v1/auth/logout", (role, actor, token) -> http.post("/v1/auth/logout",
                        Map.of("refreshToken", actor == null ? "garbage" : freshRefreshToken(actor)), token),
                        401, 204, 204, 204, 204, 204, 204),
                new Row("GET /.well-known/jwks.json", (role, actor, token) -> http.get("/.well-known/jwks.json", token),
                        200, 200, 200, 200, 200, 200, 200));
    }

    private static List<Row> userRows() {
        return List.of(
                new Row("GET /v1/users/me", (role, actor, token) -> http.get("/v1/users/me", token),
                        401, 200, 200, 200, 200, 200, 200),
                new Row("PATCH /v1/users/me", (role, actor, token) -> http.patch("/v1/users/me", Map.of("bio", "hi"), token),
                        401, 200, 200, 200, 200, 200, 200),
                new Row("GET /v1/users/{owner}", (role, actor, token) -> http.get("/v1/users/" + owner.id(), token),
                        401, 200, 200, 404, 200, 200, 200),
                new Row("GET /v1/users/{unknown}", (role, actor, token) -> http.get("/v1/users/" + UUID.randomUUID(), token),
                        401, 404, 404, 404, 404, 404, 404),
                new Row("GET /v1/users?q=", (role, actor, token) -> http.get("/v1/users?q=" + owner.handle(), token),
                        401, 200, 200, 200, 200, 200, 200));
    }

    private static List<Row> friendRows() {
        String requests = "/v1/friends/requests";
        return List.of(
                new Row("POST /v1/friends/requests {owner}", (role, actor, token) ->
                        http.post(requests, Map.of("userId", owner.id().toString()), token),
                        401, 201, 409, 404, 201, 201, 400),
                new Row("GET /v1/friends/requests?direction=incoming", (role, actor, token) ->
                        http.get(requests + "?direction=incoming", token), 401, 200, 200, 200, 200, 200, 200),
                new Row("GET /v1/friends/requests?direction=outgoing", (role, actor, token) ->
                        http.get(requests + "?direction=outgoing", token), 401, 200, 200, 200, 200, 200, 200),
                new Row("POST /v1/friends/requests/{x->owner}/accept", (role, actor, token) ->
                        http.post(requests + "/" + db.pendingRequest(db.bareUser(), owner.id()) + "/accept", "{}", token),
                        401, 404, 404, 404, 404, 404, 200),
                new Row("POST /v1/friends/requests/{x->owner}/decline", (role, actor, token) ->
                        http.post(requests + "/" + db.pendingRequest(db.bareUser(), owner.id()) + "/decline", "{}", token),
                        401, 404, 404, 404, 404, 404, 200),
                new Row("POST /v1/friends/requests/{owner->x}/accept", (role, actor, token) ->
                        http.post(requests + "/" + db.pendingRequest(owner.id(), db.bareUser()) + "/accept", "{}", token),
                        401, 404, 404, 404, 404, 404, 403),
                new Row("DELETE /v1/friends/requests/{owner->x}", (role, actor, token) ->
                        http.delete(requests + "/" + db.pendingRequest(owner.id(), db.bareUser()), token),
                        401, 404, 404, 404, 404, 404, 204),
                new Row("GET /v1/friends", (role, actor, token) -> http.get("/v1/friends", token),
                        401, 200, 200, 200, 200, 200, 200),
                new Row("POST /v1/blocks {x}", (role, actor, token) ->
                        http.post("/v1/blocks", Map.of("userId", db.bareUser().toString()), token),
                        401, 204, 204, 204, 204, 204, 204),
                new Row("GET /v1/blocks", (role, actor, token) -> http.get("/v1/blocks", token),
                        401, 200, 200, 200, 200, 200, 200),
                new Row("DELETE /v1/blocks/{blocked}", (role, actor, token) -> {
                    Response r = http.delete("/v1/blocks/" + CAST.get(Role.BLOCKED).id(), token);
                    if (role == Role.OWNER) {
                        ok(http.post("/v1/blocks", Map.of("userId", CAST.get(Role.BLOCKED).id().toString()), token), 204);
                    }
                    return r;
                }, 401, 404, 404, 404, 404, 404, 204));
    }

    private static List<Row> groupRows() {
        String priv = "/v1/groups/" + privateGroup;
        String pub = "/v1/groups/" + publicGroup;
        return List.of(
                new Row("POST /v1/groups", (role, actor, token) ->
                        http.post("/v1/groups", Map.of("name", "g", "visibility", "public"), token), 401, 201, 201, 201, 201, 201, 201),
                new Row("GET /v1/groups", (role, actor, token) -> http.get("/v1/groups", token), 401, 200, 200, 200, 200, 200, 200),
                new Row("GET /v1/groups/{private}", (role, actor, token) -> http.get(priv, token), 401, 404, 404, 404, 200, 200, 200),
                new Row("GET /v1/groups/{public}", (role, actor, token) -> http.get(pub, token), 401, 200, 200, 200, 200, 200, 200),
                new Row("PATCH /v1/groups/{private}", (role, actor, token) ->
                        http.patch(priv, Map.of("description", "d"), token), 401, 404, 404, 404, 403, 200, 200),
                new Row("PATCH /v1/groups/{public}", (role, actor, token) ->
                        http.patch(pub, Map.of("description", "d"), token), 401, 403, 403, 403, 403, 403, 200),
                new Row("GET /v1/groups/{private}/members", (role, actor, token) -> http.get(priv + "/members", token),
                        401, 404, 404, 404, 200, 200, 200),
                new Row("POST /v1/groups/{private}/members {x}", (role, actor, token) ->
                        http.post(priv + "/members", Map.of("userId", db.bareUser().toString()), token),
                        401, 404, 404, 404, 403, 201, 201),
                new Row("POST /v1/groups/{private}/join", (role, actor, token) -> http.post(priv + "/join", "{}", token),
                        401, 404, 404, 404, 409, 409, 409),
                new Row("DELETE /v1/groups/{private}/members/{member x}", (role, actor, token) ->
                        http.delete(priv + "/members/" + bareMember("member"), token), 401, 404, 404, 404, 403, 204, 204),
                new Row("DELETE /v1/groups/{private}/members/{admin x}", (role, actor, token) ->
                        http.delete(priv + "/members/" + bareMember("admin"), token), 401, 404, 404, 404, 403, 403, 204),
                new Row("DELETE /v1/groups/{private}/members/{owner}", (role, actor, token) ->
                        http.delete(priv + "/members/" + owner.id(), token), 401, 404, 404, 404, 403, 403, 409),
                new Row("PATCH /v1/groups/{private}/members/{member x}", (role, actor, token) ->
                        http.patch(priv + "/members/" + bareMember("member"), Map.of("role", "admin"), token),
                        401, 404, 404, 404, 403, 403, 200),
                new Row("PATCH /v1/groups/{private}/members/{owner} (step down)", (role, actor, token) ->
                        http.patch(priv + "/members/" + owner.id(), Map.of("role", "member"), token),
                        401, 404, 404, 404, 403, 403, 409),
                new Row("DELETE /v1/groups/{private}/members/{me} (leave)", (role, actor, token) -> {
                    Response r = http.delete(priv + "/members/" + (actor == null ? owner.id() : actor.id()), token);
                    if (r.status() == 204) {
                        db.member(privateGroup, actor.id(), role.name().toLowerCase());
                    }
                    return r;
                }, 401, 404, 404, 404, 204, 204, 409),
                new Row("POST /v1/groups/{public}/join", (role, actor, token) -> http.post(pub + "/join", "{}", token),
                        401, 200, 200, 200, 200, 200, 409),
                new Row("GET /v1/groups/{public}/members", (role, actor, token) -> http.get(pub + "/members", token),
                        401, 200, 200, 200, 200, 200, 200));
    }

    private static List<Row> destructiveRows() {
        return List.of(
                new Row("DELETE /v1/friends/{owner}", (role, actor, token) -> {
                    Response r = http.delete("/v1/friends/" + owner.id(), token);
                    if (r.status() == 204) {
                        db.friends(owner.id(), actor.id());
                    }
                    return r;
                }, 401, 404, 204, 404, 404, 404, 404),
                new Row("POST /v1/auth/logout-all", (role, actor, token) -> http.post("/v1/auth/logout-all", "{}", token),
                        401, 204, 204, 204, 204, 204, 204));
    }

    private static UUID bareMember(String role) {
        UUID user = db.bareUser();
        db.member(privateGroup, user, role);
        return user;
    }

    private static String freshRefreshToken(TestUser actor) {
        return ok(http.post("/v1/auth/login", Map.of("handle", actor.handle(), "password", actor.password()), null), 200)
                .get("refreshToken").asText();
    }

    private static void addMember(Role role) {
        ok(http.post(members(privateGroup), Map.of("userId", CAST.get(role).id().toString()), owner.accessToken()), 201);
    }

    private static String members(UUID group) {
        return "/v1/groups/" + group + "/members";
    }

    private static List<String> handles(Response response) {
        List<String> handles = new ArrayList<>();
        response.json().get("items").forEach(item -> handles.add(item.get("handle").asText()));
        return handles;
    }

    private static JsonNode ok(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }
}
