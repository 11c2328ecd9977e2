package dev.tangle.api.social;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour of profiles, friends, blocks and groups beyond who may call what. */
class SocialGraphIT {

    private static ApiTestServer api;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void mutualRequestsMakeFriendsAtOnce() {
        TestUser a = api.register("mut_a");
        TestUser b = api.register("mut_b");
        var first = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("pending");
        assertThat(http.get("/v1/friends/requests?direction=incoming", b.accessToken()).json().get("items")).hasSize(1);
        var second = http.post("/v1/friends/requests", Map.of("userId", a.id().toString()), b.accessToken());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("status").asText()).isEqualTo("accepted");
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(ids(http.get("/v1/friends", a.accessToken()).json())).containsExactly(b.id().toString());
        assertThat(http.get("/v1/friends/requests?direction=incoming", b.accessToken()).json().get("items")).isEmpty();
    }

    @Test
    void declineCancelAndUnfriend() {
        TestUser a = api.register("dcu_a");
        TestUser b = api.register("dcu_b");
        String id = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json().get("id").asText();
        assertThat(http.post("/v1/friends/requests/" + id + "/decline", "{}", b.accessToken()).json().get("status").asText())
                .isEqualTo("declined");
        assertThat(http.post("/v1/friends/requests/" + id + "/accept", "{}", b.accessToken()).status()).isEqualTo(409);
        String again = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json().get("id").asText();
        assertThat(http.delete("/v1/friends/requests/" + again, a.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/friends/requests?direction=outgoing", a.accessToken()).json().get("items")).isEmpty();
        String third = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json().get("id").asText();
        http.post("/v1/friends/requests/" + third + "/accept", "{}", b.accessToken());
        assertThat(http.delete("/v1/friends/" + a.id(), b.accessToken()).status()).isEqualTo(204);
        assertThat(http.delete("/v1/friends/" + a.id(), b.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/v1/friends", a.accessToken()).json().get("items")).isEmpty();
    }

    @Test
    void blockEndsFriendshipAndCancelsRequestsAndUnblockRestoresVisibility() {
        TestUser a = api.register("blk_a");
        TestUser b = api.register("blk_b");
        String id = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json().get("id").asText();
        http.post("/v1/friends/requests/" + id + "/accept", "{}", b.accessToken());
        http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken());
        assertThat(http.post("/v1/blocks", Map.of("userId", a.id().toString()), b.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/friends", a.accessToken()).json().get("items")).isEmpty();
        assertThat(http.get("/v1/users/" + b.id(), a.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).status()).isEqualTo(404);
        assertThat(ids(http.get("/v1/blocks", b.accessToken()).json())).containsExactly(a.id().toString());
        assertThat(http.get("/v1/blocks", a.accessToken()).json().get("items")).isEmpty();
        assertThat(http.delete("/v1/blocks/" + a.id(), b.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/users/" + b.id(), a.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/v1/friends", a.accessToken()).json().get("items")).as("unblocking does not restore friendship").isEmpty();
    }

    @Test
    void profileUpdateAndPrefixSearchWithPagination() {
        TestUser me = api.register("Zed_Search");
        var patched = http.patch("/v1/users/me", Map.of("displayName", "Zed", "bio", "hello"), me.accessToken());
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asText()).isEqualTo("Zed");
        assertThat(patched.json().get("bio").asText()).isEqualTo("hello");
        assertThat(http.patch("/v1/users/me", "{\"avatarMediaId\":\"" + me.id() + "\"}", me.accessToken()).json()
                .get("avatarMediaId").asText()).isEqualTo(me.id().toString());
        assertThat(http.patch("/v1/users/me", "{\"avatarMediaId\":null}", me.accessToken()).json().get("avatarMediaId").isNull()).isTrue();
        for (int i = 0; i < 3; i++) {
            api.register("zed_search");
        }
        JsonNode page1 = http.get("/v1/users?q=ZED_SEARCH&limit=2", me.accessToken()).json();
        assertThat(page1.get("items")).hasSize(2);
        JsonNode page2 = http.get("/v1/users?q=zed_search&limit=2&cursor=" + page1.get("nextCursor").asText(), me.accessToken()).json();
        assertThat(page2.get("items")).hasSize(2);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(http.get("/v1/users?q=zed%25", me.accessToken()).status()).as("LIKE wildcards are not a prefix").isEqualTo(400);
        assertThat(http.get("/v1/users?q=zed_searcx", me.accessToken()).json().get("items")).as("_ is literal").isEmpty();
    }

    @Test
    void badInputIs400NamingTheFieldAndWritesNothing() {
        TestUser me = api.register("bad_input");
        assertField(http.patch("/v1/users/me", Map.of("displayName", ""), me.accessToken()), "displayName");
        assertField(http.patch("/v1/users/me", Map.of("bio", "x".repeat(501)), me.accessToken()), "bio");
        assertField(http.patch("/v1/users/me", Map.of("avatarMediaId", "nope"), me.accessToken()), "avatarMediaId");
        assertField(http.patch("/v1/users/me", Map.of("displayName", "Fine", "colour", "red"), me.accessToken()), "colour");
        assertThat(http.get("/v1/users/me", me.accessToken()).json().get("displayName").asText()).isEqualTo(me.handle());
        assertField(http.get("/v1/users", me.accessToken()), "q");
        assertField(http.post("/v1/friends/requests", Map.of("userId", "x"), me.accessToken()), "userId");
        assertField(http.post("/v1/friends/requests", Map.of("userId", me.id().toString()), me.accessToken()), "userId");
        assertField(http.get("/v1/friends/requests?direction=sideways", me.accessToken()), "direction");
        assertField(http.post("/v1/blocks", Map.of(), me.accessToken()), "userId");
        assertField(http.post("/v1/groups", Map.of("name", "g"), me.accessToken()), "visibility");
        assertField(http.post("/v1/groups", Map.of("name", "g", "visibility", "secret"), me.accessToken()), "visibility");
        assertField(http.post("/v1/groups", Map.of("visibility", "public"), me.accessToken()), "name");
        assertField(http.get("/v1/groups?limit=0", me.accessToken()), "limit");
        assertField(http.get("/v1/friends?cursor=%21%21", me.accessToken()), "cursor");
        assertField(http.post("/v1/auth/refresh", Map.of(), null), "refreshToken");
        assertThat(http.get("/v1/groups", me.accessToken()).json().get("items")).isEmpty();
        assertThat(http.get("/v1/groups/not-an-id", me.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/v1/friends/requests/" + me.id() + "/accept", "{}", me.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/v1/friends/requests", Map.of("userId", java.util.UUID.randomUUID().toString()), me.accessToken())
                .status()).isEqualTo(404);
    }

    @Test
    void ownershipCanBeHandedOverAndThenTheOldOwnerMayLeave() {
        TestUser owner = api.register("hand_owner");
        TestUser heir = api.register("hand_heir");
        String group = http.post("/v1/groups", Map.of("name", "Estate", "description", "d", "visibility", "private"),
                owner.accessToken()).json().get("id").asText();
        String members = "/v1/groups/" + group + "/members";
        http.post(members, Map.of("userId", heir.id().toString()), owner.accessToken());
        assertThat(http.delete(members + "/" + owner.id(), owner.accessToken()).status()).isEqualTo(409);
        assertThat(http.patch(members + "/" + heir.id(), Map.of("role", "owner"), owner.accessToken()).json().get("role").asText())
                .isEqualTo("owner");
        assertThat(http.delete(members + "/" + heir.id(), owner.accessToken()).status()).as("owners cannot be kicked").isEqualTo(403);
        assertThat(http.delete(members + "/" + owner.id(), owner.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/groups/" + group, owner.accessToken()).status()).isEqualTo(404);
        JsonNode seen = http.get("/v1/groups/" + group, heir.accessToken()).json();
        assertThat(seen.get("myRole").asText()).isEqualTo("owner");
        assertThat(seen.get("memberCount").asLong()).isEqualTo(1);
        assertThat(seen.get("description").asText()).isEqualTo("d");
        assertThat(seen.get("visibility").asText()).isEqualTo("private");
    }

    private static java.util.List<String> ids(JsonNode page) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static void assertField(HttpTestClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
