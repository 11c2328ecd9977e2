package dev.tangle.api.community;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.SocialFixtures;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees what, over every community endpoint: viewers author, friend, stranger, blocked (by the author),
 * blocker (who blocked the author), group member, non-member, anonymous × posts public, friends, private, group.
 */
class CommunityVisibilityIT {

    static final String THUMBS = URLEncoder.encode("👍", StandardCharsets.UTF_8);

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static SocialFixtures social;
    private static TestUser author;
    private static UUID groupId;
    private static final Map<String, TestUser> viewers = new LinkedHashMap<>();
    private static final Map<String, UUID> posts = new LinkedHashMap<>();
    private static final Map<String, UUID> comments = new LinkedHashMap<>();

    /** Which of the author's posts each viewer may see. */
    private static final Map<String, Set<String>> VISIBLE = Map.of(
            "author", Set.of("public", "friends", "private", "group"),
            "friend", Set.of("public", "friends"),
            "stranger", Set.of("public"),
            "blocked", Set.of(),
            "blocker", Set.of(),
            "member", Set.of("public", "group"),
            "nonMember", Set.of("public"));

    /** Which of them appear in each viewer's home feed (own, friends', my groups'). */
    private static final Map<String, Set<String>> HOME = Map.of(
            "author", Set.of("public", "friends", "private", "group"),
            "friend", Set.of("public", "friends"),
            "stranger", Set.of(),
            "blocked", Set.of(),
            "blocker", Set.of(),
            "member", Set.of("group"),
            "nonMember", Set.of());

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
        social = new SocialFixtures(api);
        author = api.register("author");
        for (String role : List.of("friend", "stranger", "blocked", "blocker", "member", "nonMember")) {
            viewers.put(role, api.register(role.toLowerCase()));
        }
        viewers.put("author", author);
        social.friends(author, viewers.get("friend"));
        social.block(author, viewers.get("blocked"));
        social.block(viewers.get("blocker"), author);
        groupId = social.group(author, "public");
        social.member(groupId, viewers.get("member"), "member");
        social.member(groupId, viewers.get("blocked"), "member");
        social.member(groupId, viewers.get("blocker"), "member");
        for (String visibility : List.of("public", "friends", "private", "group")) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("text", visibility + " post", "visibility", visibility));
            if (visibility.equals("group")) {
                body.put("groupId", groupId.toString());
            }
            var created = http.post("/v1/posts", body, author.accessToken());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            UUID postId = UUID.fromString(created.json().get("id").asText());
            posts.put(visibility, postId);
            var comment = http.post("/v1/posts/" + postId + "/comments", Map.of("text", "first"), author.accessToken());
            assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
            comments.put(visibility, UUID.fromString(comment.json().get("id").asText()));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyPostEndpointAnswersByVisibility() {
        List<String> failures = new ArrayList<>();
        viewers.forEach((role, viewer) -> posts.forEach((visibility, postId) -> {
            boolean visible = VISIBLE.get(role).contains(visibility);
            String token = viewer.accessToken();
            String cell = role + " × " + visibility;
            expect(failures, cell + " GET post", http.get("/v1/posts/" + postId, token).status(), visible ? 200 : 404);
            expect(failures, cell + " GET comments", http.get("/v1/posts/" + postId + "/comments", token).status(), visible ? 200 : 404);
            expect(failures, cell + " POST comment",
                    http.post("/v1/posts/" + postId + "/comments", Map.of("text", "hi"), token).status(), visible ? 201 : 404);
            expect(failures, cell + " PUT reaction",
                    http.put("/v1/posts/" + postId + "/reactions/" + THUMBS, null, token).status(), visible ? 200 : 404);
            expect(failures, cell + " DELETE reaction",
                    http.delete("/v1/posts/" + postId + "/reactions/" + THUMBS, token).status(), visible ? 200 : 404);
            UUID commentId = comments.get(visibility);
            expect(failures, cell + " PUT comment reaction",
                    http.put("/v1/comments/" + commentId + "/reactions/" + THUMBS, null, token).status(), visible ? 200 : 404);
            expect(failures, cell + " reply",
                    http.post("/v1/posts/" + postId + "/comments", Map.of("text", "re", "parentId", commentId.toString()), token).status(),
                    visible ? 201 : 404);
            int editStatus = role.equals("author") ? 200 : visible ? 403 : 404;
            expect(failures, cell + " PATCH post",
                    http.patch("/v1/posts/" + postId, Map.of("text", visibility + " post"), token).status(), editStatus);
            int deleteStatus = visible ? 403 : 404;
            if (!role.equals("author")) {
                expect(failures, cell + " DELETE post", http.delete("/v1/posts/" + postId, token).status(), deleteStatus);
            }
        }));
        assertThat(failures).isEmpty();
    }

    @Test
    void listsShowOnlyVisiblePosts() {
        List<String> failures = new ArrayList<>();
        viewers.forEach((role, viewer) -> {
            String token = viewer.accessToken();
            Set<String> home = visibilities(http.get("/v1/feed?limit=200", token).json());
            if (!home.equals(HOME.get(role))) {
                failures.add(role + " home feed: " + home + " expected " + HOME.get(role));
            }
            var profile = http.get("/v1/users/" + author.id() + "/posts", token);
            if (role.equals("blocked") || role.equals("blocker")) {
                expect(failures, role + " profile", profile.status(), 404);
            } else if (!visibilities(profile.json()).equals(VISIBLE.get(role))) {
                failures.add(role + " profile: " + visibilities(profile.json()) + " expected " + VISIBLE.get(role));
            }
            var group = http.get("/v1/groups/" + groupId + "/posts", token);
            switch (role) {
                case "author", "member" -> {
                    expect(failures, role + " group list", group.status(), 200);
                    if (!visibilities(group.json()).equals(Set.of("group"))) {
                        failures.add(role + " group list: " + visibilities(group.json()));
                    }
                }
                case "blocked", "blocker" -> {
                    expect(failures, role + " group list", group.status(), 200);
                    if (!visibilities(group.json()).isEmpty()) {
                        failures.add(role + " group list shows the author's post across a block");
                    }
                }
                default -> expect(failures, role + " group list (public group, not a member)", group.status(), 403);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void anonymousGets401Everywhere() {
        UUID postId = posts.get("public");
        UUID commentId = comments.get("public");
        assertThat(List.of(
                http.get("/v1/posts/" + postId, null).status(),
                http.post("/v1/posts", Map.of("text", "x", "visibility", "public"), null).status(),
                http.patch("/v1/posts/" + postId, Map.of("text", "x"), null).status(),
                http.delete("/v1/posts/" + postId, null).status(),
                http.get("/v1/posts/" + postId + "/comments", null).status(),
                http.post("/v1/posts/" + postId + "/comments", Map.of("text", "x"), null).status(),
                http.patch("/v1/comments/" + commentId, Map.of("text", "x"), null).status(),
                http.delete("/v1/comments/" + commentId, null).status(),
                http.put("/v1/posts/" + postId + "/reactions/" + THUMBS, null, null).status(),
                http.put("/v1/comments/" + commentId + "/reactions/" + THUMBS, null, null).status(),
                http.get("/v1/feed", null).status(),
                http.get("/v1/users/" + author.id() + "/posts", null).status(),
                http.get("/v1/groups/" + groupId + "/posts", null).status()))
                .containsOnly(401);
    }

    @Test
    void commentsOfBlockedUsersAreHiddenFromTheViewer() {
        TestUser host = api.register("host");
        TestUser blocked = viewers.get("blocked");
        UUID postId = UUID.fromString(http.post("/v1/posts", Map.of("text", "open thread", "visibility", "public"),
                host.accessToken()).json().get("id").asText());
        String blockedComment = http.post("/v1/posts/" + postId + "/comments", Map.of("text", "from the blocked"),
                blocked.accessToken()).json().get("id").asText();

        JsonNode seen = http.get("/v1/posts/" + postId + "/comments", author.accessToken()).json();
        assertThat(seen.get("items")).isEmpty();
        assertThat(http.put("/v1/comments/" + blockedComment + "/reactions/" + THUMBS, null, author.accessToken()).status())
                .isEqualTo(404);

        http.post("/v1/posts/" + postId + "/comments", Map.of("text", "reply", "parentId", blockedComment), host.accessToken());
        JsonNode withReply = http.get("/v1/posts/" + postId + "/comments", author.accessToken()).json().get("items").get(0);
        assertThat(withReply.get("hidden").asBoolean()).isTrue();
        assertThat(withReply.get("text").isNull()).isTrue();
        assertThat(withReply.get("authorId").isNull()).isTrue();
        assertThat(withReply.get("replies").get("items").get(0).get("text").asText()).isEqualTo("reply");
        JsonNode hostView = http.get("/v1/posts/" + postId + "/comments", host.accessToken()).json().get("items").get(0);
        assertThat(hostView.get("text").asText()).isEqualTo("from the blocked");
    }

    @Test
    void deletionByAuthorAndGroupAdmin() {
        TestUser admin = api.register("admin");
        social.member(groupId, admin, "admin");
        TestUser member = viewers.get("member");
        String groupPost = http.post("/v1/posts", Map.of("text", "to moderate", "visibility", "group", "groupId", groupId.toString()),
                member.accessToken()).json().get("id").asText();
        assertThat(http.delete("/v1/posts/" + groupPost, viewers.get("friend").accessToken()).status()).isEqualTo(404);
        assertThat(http.delete("/v1/posts/" + groupPost, admin.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/posts/" + groupPost, member.accessToken()).status()).isEqualTo(404);

        String own = http.post("/v1/posts", Map.of("text", "mine", "visibility", "public"), member.accessToken())
                .json().get("id").asText();
        assertThat(http.delete("/v1/posts/" + own, admin.accessToken()).status()).isEqualTo(403);
        assertThat(http.delete("/v1/posts/" + own, member.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void groupPostsRequireMembership() {
        var outsider = http.post("/v1/posts", Map.of("text", "x", "visibility", "group", "groupId", groupId.toString()),
                viewers.get("stranger").accessToken());
        assertThat(outsider.status()).isEqualTo(403);
        var unknown = http.post("/v1/posts", Map.of("text", "x", "visibility", "group", "groupId", UUID.randomUUID().toString()),
                author.accessToken());
        assertThat(unknown.status()).isEqualTo(404);
        var missing = http.post("/v1/posts", Map.of("text", "x", "visibility", "group"), author.accessToken());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("groupId");
    }

    private static Set<String> visibilities(JsonNode page) {
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode item : page.get("items")) {
            if (item.get("authorId").asText().equals(author.id().toString())) {
                seen.add(item.get("visibility").asText());
            }
        }
        return seen;
    }

    private static void expect(List<String> failures, String what, int actual, int expected) {
        if (actual != expected) {
            failures.add(what + ": " + actual + " expected " + expected);
        }
    }
}
