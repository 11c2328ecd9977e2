package dev.tangle.api.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommentTreeIT {

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static TestUser alice;
    private static TestUser bob;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
        alice = api.register("alice");
        bob = api.register("bob");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void fiveLevelTreeRoundTripsWithATombstoneInTheMiddle() {
        String post = post(alice);
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int level = 0; level < 5; level++) {
            TestUser who = level % 2 == 0 ? alice : bob;
            JsonNode c = comment(who, post, parent, "level " + level);
            assertThat(c.get("depth").asInt()).isEqualTo(level);
            assertThat(c.get("parentId").isNull()).isEqualTo(parent == null);
            parent = c.get("id").asText();
            chain.add(parent);
        }
        // the middle comment (depth 2, by alice) has a reply, so it stays as a tombstone
        assertThat(http.delete("/v1/comments/" + chain.get(2), alice.accessToken()).status()).isEqualTo(204);

        JsonNode page = http.get("/v1/posts/" + post + "/comments?depth=4", bob.accessToken()).json();
        JsonNode node = page.get("items");
        for (int level = 0; level < 5; level++) {
            assertThat(node).hasSize(1);
            JsonNode c = node.get(0);
            assertThat(c.get("id").asText()).isEqualTo(chain.get(level));
            assertThat(c.get("depth").asInt()).isEqualTo(level);
            if (level == 2) {
                assertThat(c.get("deleted").asBoolean()).isTrue();
                assertThat(c.get("text").isNull()).isTrue();
            } else {
                assertThat(c.get("deleted").asBoolean()).isFalse();
                assertThat(c.get("text").asText()).isEqualTo("level " + level);
            }
            assertThat(c.get("replyCount").asInt()).isEqualTo(level < 4 ? 1 : 0);
            node = c.get("replies").get("items");
        }
        assertThat(node).isEmpty();
        assertThat(http.get("/v1/posts/" + post, bob.accessToken()).json().get("commentCount").asInt()).isEqualTo(4);

        // replying to a tombstone is refused; removing the last leaf under it removes the empty tombstone too
        assertThat(http.post("/v1/posts/" + post + "/comments", Map.of("text", "x", "parentId", chain.get(2)),
                bob.accessToken()).status()).isEqualTo(404);
        assertThat(http.delete("/v1/comments/" + chain.get(4), alice.accessToken()).status()).isEqualTo(204);
        assertThat(http.delete("/v1/comments/" + chain.get(3), bob.accessToken()).status()).isEqualTo(204);
        JsonNode pruned = http.get("/v1/posts/" + post + "/comments?depth=4", bob.accessToken()).json()
                .get("items").get(0).get("replies").get("items").get(0);
        assertThat(pruned.get("id").asText()).isEqualTo(chain.get(1));
        assertThat(pruned.get("replyCount").asInt()).isZero();
        assertThat(pruned.get("replies").get("items")).isEmpty();
        assertThat(http.get("/v1/posts/" + post, bob.accessToken()).json().get("commentCount").asInt()).isEqualTo(2);
    }

    @Test
    void depthLimitsTheTreeAndCursorsContinueEachLevel() {
        String post = post(alice);
        List<String> top = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            top.add(comment(bob, post, null, "top " + i).get("id").asText());
        }
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            replies.add(comment(alice, post, top.get(0), "reply " + i).get("id").asText());
        }
        String grandChild = comment(bob, post, replies.get(0), "deep").get("id").asText();

        JsonNode page = http.get("/v1/posts/" + post + "/comments?limit=3&replyLimit=4&depth=1", bob.accessToken()).json();
        assertThat(ids(page)).containsExactlyElementsOf(top.subList(0, 3));
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("replyCount").asInt()).isEqualTo(7);
        assertThat(ids(first.get("replies"))).containsExactlyElementsOf(replies.subList(0, 4));
        // depth 1: the reply that has a reply carries a cursor to start its replies, with no items
        JsonNode deepest = first.get("replies").get("items").get(0).get("replies");
        assertThat(deepest.get("items")).isEmpty();
        assertThat(deepest.get("nextCursor").isNull()).isFalse();
        JsonNode deep = http.get("/v1/posts/" + post + "/comments?parentId=" + replies.get(0) + "&cursor="
                + deepest.get("nextCursor").asText(), bob.accessToken()).json();
        assertThat(ids(deep)).containsExactly(grandChild);

        // more replies of the first comment
        String more = first.get("replies").get("nextCursor").asText();
        JsonNode rest = http.get("/v1/posts/" + post + "/comments?parentId=" + top.get(0) + "&replyLimit=4&limit=4&cursor=" + more,
                bob.accessToken()).json();
        assertThat(ids(rest)).containsExactlyElementsOf(replies.subList(4, 7));
        assertThat(rest.get("nextCursor").isNull()).isTrue();

        // more top-level comments
        JsonNode next = http.get("/v1/posts/" + post + "/comments?limit=3&cursor=" + page.get("nextCursor").asText(),
                bob.accessToken()).json();
        assertThat(ids(next)).containsExactlyElementsOf(top.subList(3, 5));
        assertThat(next.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void editDeleteAndReactOnComments() {
        String post = post(alice);
        String c = comment(bob, post, null, "typo").get("id").asText();
        assertThat(http.patch("/v1/comments/" + c, Map.of("text", "fixed"), alice.accessToken()).status()).isEqualTo(403);
        var edited = http.patch("/v1/comments/" + c, Map.of("text", "fixed"), bob.accessToken());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("text").asText()).isEqualTo("fixed");
        assertThat(edited.json().get("editedAt").isNull()).isFalse();

        String heart = java.net.URLEncoder.encode("❤️", java.nio.charset.StandardCharsets.UTF_8);
        var reacted = http.put("/v1/comments/" + c + "/reactions/" + heart, null, alice.accessToken());
        assertThat(reacted.status()).isEqualTo(200);
        assertThat(reacted.json().get("counts").get("❤️").asLong()).isEqualTo(1);
        assertThat(reacted.json().get("mine").get(0).asText()).isEqualTo("❤️");
        http.put("/v1/comments/" + c + "/reactions/" + heart, null, alice.accessToken());
        JsonNode listed = http.get("/v1/posts/" + post + "/comments", bob.accessToken()).json().get("items").get(0);
        assertThat(listed.get("reactions").get("counts").get("❤️").asLong()).isEqualTo(1);
        assertThat(listed.get("reactions").get("mine")).isEmpty();
        assertThat(http.put("/v1/comments/" + c + "/reactions/abc", null, alice.accessToken()).status()).isEqualTo(400);

        // the post's author may delete someone else's comment; a leaf disappears entirely
        assertThat(http.delete("/v1/comments/" + c, alice.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/posts/" + post + "/comments", bob.accessToken()).json().get("items")).isEmpty();
        assertThat(http.delete("/v1/comments/" + c, bob.accessToken()).status()).isEqualTo(404);
    }

    private static String post(TestUser author) {
        var created = http.post("/v1/posts", Map.of("text", "thread", "visibility", "public"), author.accessToken());
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode comment(TestUser who, String post, String parentId, String text) {
        Map<String, Object> body = parentId == null ? Map.of("text", text) : Map.of("text", text, "parentId", parentId);
        var created = http.post("/v1/posts/" + post + "/comments", body, who.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
