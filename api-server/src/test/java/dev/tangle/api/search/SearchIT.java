package dev.tangle.api.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Search against real PostgreSQL: found at once, never what the searcher cannot read, phrase first. */
class SearchIT {

    static ApiTestServer api;
    static HttpTestClient http;
    static SocialFixtures social;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
        social = new SocialFixtures(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String handle(String base) {
        return base + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String group(TestUser creator, TestUser... members) {
        List<String> ids = new ArrayList<>();
        for (TestUser m : members) {
            ids.add(m.id().toString());
        }
        var res = http.post("/v1/conversations", Map.of("kind", "group", "title", "g", "memberIds", ids),
                creator.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().path("id").asText();
    }

    private static JsonNode send(TestUser sender, String conversation, String text) {
        var res = http.post("/v1/conversations/" + conversation + "/messages",
                Map.of("clientMsgId", UUID.randomUUID().toString(), "text", text), sender.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json();
    }

    private static List<String> ids(TestUser who, String query) {
        var res = http.get("/v1/search?" + query, who.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        res.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static String q(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aJustSentMessageIsFoundAtOnceWithAHighlightedSnippet() {
        TestUser a = api.register(handle("sa"));
        TestUser b = api.register(handle("sb"));
        String conv = group(a, b);
        String word = "zebrafish" + UUID.randomUUID().toString().substring(0, 6);
        String id = send(a, conv, "we saw a " + word + " swimming today").path("id").asText();
        var res = http.get("/v1/search?q=" + word + "&kind=messages", b.accessToken());
        assertThat(res.status()).isEqualTo(200);
        JsonNode hit = res.json().path("items").get(0);
        assertThat(hit.path("id").asText()).isEqualTo(id);
        assertThat(hit.path("conversationId").asText()).isEqualTo(conv);
        String snippet = hit.path("snippet").asText();
        int start = hit.path("highlights").get(0).get(0).asInt();
        int end = hit.path("highlights").get(0).get(1).asInt();
        assertThat(snippet.substring(start, end)).isEqualTo(word);
        assertThat(snippet).doesNotContain("\uE000", "<b>");
    }

    @Test
    void stemmingPrefixAndPhraseRankedFirst() {
        TestUser a = api.register(handle("sr"));
        String conv = group(a);
        String tag = "qx" + UUID.randomUUID().toString().substring(0, 6);
        String scattered = send(a, conv, tag + " red things and a big house, very big and red").path("id").asText();
        String phrase = send(a, conv, tag + " a big red house").path("id").asText();
        send(a, conv, tag + " nothing relevant");
        assertThat(ids(a, "q=" + q(tag + " big red"))).containsExactly(phrase, scattered);
        assertThat(ids(a, "q=" + q(tag + " \"big red\""))).containsExactly(phrase);
        assertThat(ids(a, "q=" + q(tag + " hous*"))).contains(phrase, scattered);
        assertThat(ids(a, "q=" + q(tag + " houses"))).contains(phrase, scattered); // stemmed
        assertThat(ids(a, "q=" + q(tag + " -house"))).hasSize(1);
    }

    @Test
    void editsAndDeletesAreReflected() {
        TestUser a = api.register(handle("se"));
        String conv = group(a);
        String before = "walrus" + UUID.randomUUID().toString().substring(0, 6);
        String after = "narwhal" + UUID.randomUUID().toString().substring(0, 6);
        String id = send(a, conv, "a " + before).path("id").asText();
        assertThat(http.patch("/v1/conversations/" + conv + "/messages/" + id, Map.of("text", "a " + after),
                a.accessToken()).status()).isEqualTo(200);
        assertThat(ids(a, "q=" + before)).isEmpty();
        assertThat(ids(a, "q=" + after)).containsExactly(id);
        assertThat(http.delete("/v1/conversations/" + conv + "/messages/" + id, a.accessToken()).status()).isLessThan(300);
        assertThat(ids(a, "q=" + after)).isEmpty();
    }

    @Test
    void neverFindsWhatTheSearcherCannotRead() {
        TestUser author = api.register(handle("sx"));
        TestUser member = api.register(handle("sm"));
        TestUser outsider = api.register(handle("so"));
        TestUser friend = api.register(handle("sf"));
        TestUser blocked = api.register(handle("sk"));
        social.friends(author, friend);
        social.friends(author, blocked);
        String word = "okapi" + UUID.randomUUID().toString().substring(0, 6);
        String conv = group(author, member);
        String message = send(author, conv, "the " + word + " message").path("id").asText();

        assertThat(ids(member, "q=" + word)).containsExactly(message);
        assertThat(ids(outsider, "q=" + word)).isEmpty();
        assertThat(ids(outsider, "q=" + word + "&conversationId=" + conv)).isEmpty();
        // removed from the conversation: no longer readable, no longer found
        assertThat(http.delete("/v1/conversations/" + conv + "/members/" + member.id(), author.accessToken()).status())
                .isLessThan(300);
        assertThat(ids(member, "q=" + word)).isEmpty();

        Map<String, String> posts = new java.util.HashMap<>();
        for (String visibility : List.of("public", "friends", "private")) {
            var res = http.post("/v1/posts", Map.of("text", word + " post " + visibility, "visibility", visibility),
                    author.accessToken());
            assertThat(res.status()).as(res.toString()).isEqualTo(201);
            posts.put(visibility, res.json().path("id").asText());
        }
        assertThat(ids(author, "kind=posts&q=" + word)).containsExactlyInAnyOrderElementsOf(posts.values());
        assertThat(ids(friend, "kind=posts&q=" + word)).containsExactlyInAnyOrder(posts.get("public"), posts.get("friends"));
        assertThat(ids(outsider, "kind=posts&q=" + word)).containsExactly(posts.get("public"));
        social.block(author, blocked);
        assertThat(ids(blocked, "kind=posts&q=" + word)).isEmpty();
        assertThat(ids(blocked, "kind=users&q=" + author.handle())).isEmpty();
        assertThat(ids(outsider, "kind=users&q=" + author.handle())).containsExactly(author.id().toString());
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        TestUser a = api.register(handle("sp"));
        for (String[] bad : new String[][] {
                {"q=", "q"}, {"q=x&kind=files", "kind"}, {"q=x&from=yesterday", "from"},
                {"q=x&conversationId=nope", "conversationId"}, {"q=x&cursor=WyJ4Il0", "cursor"},
                {"q=x&from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to"}}) {
            var res = http.get("/v1/search?" + bad[0], a.accessToken());
            assertThat(res.status()).as(bad[0]).isEqualTo(400);
            assertThat(res.contentType()).startsWith("application/problem+json");
            assertThat(res.json().path("errors").get(0).path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(http.get("/v1/search?q=x", null).status()).isEqualTo(401);
    }

    @Test
    void timeWindowAndPaging() throws Exception {
        TestUser a = api.register(handle("st"));
        String conv = group(a);
        String word = "ibis" + UUID.randomUUID().toString().substring(0, 6);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(a, conv, word + " number " + i).path("id").asText());
        }
        var first = http.get("/v1/search?limit=2&q=" + word, a.accessToken()).json();
        assertThat(first.path("items")).hasSize(2);
        List<String> all = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("items").forEach(i -> all.add(i.path("id").asText()));
            if (page.path("nextCursor").isNull()) {
                break;
            }
            page = http.get("/v1/search?limit=2&q=" + word + "&cursor=" + page.path("nextCursor").asText(),
                    a.accessToken()).json();
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(ids(a, "q=" + word + "&to=2000-01-01T00:00:00Z")).isEmpty();
        assertThat(ids(a, "q=" + word + "&from=2000-01-01T00:00:00Z")).hasSize(5);
    }
}
