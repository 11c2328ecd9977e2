package dev.tangle.api.community;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.SocialFixtures;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedPaginationIT {

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static SocialFixtures social;

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

    @Test
    void homeFeedReturnsEveryOlderPostExactlyOnceWhileNewPostsArrive() throws Exception {
        TestUser reader = api.register("reader");
        TestUser friend = api.register("friend");
        TestUser member = api.register("member");
        social.friends(reader, friend);
        var group = social.group(member, "private");
        social.member(group, reader, "member");

        List<String> older = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            older.add(create(i % 3 == 0 ? reader : friend, Map.of("text", "old " + i, "visibility", i % 2 == 0 ? "public" : "friends")));
            if (i % 5 == 0) {
                older.add(create(member, Map.of("text", "group " + i, "visibility", "group", "groupId", group.toString())));
            }
        }

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (reading.get()) {
                TestUser who = List.of(reader, friend, member).get(inserted.get() % 3);
                Map<String, Object> body = who == member
                        ? Map.of("text", "new", "visibility", "group", "groupId", group.toString())
                        : Map.of("text", "new", "visibility", "public");
                create(who, body);
                inserted.incrementAndGet();
            }
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/v1/feed?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), reader.accessToken()).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            int before = inserted.get();
            Await.until(Duration.ofSeconds(10), "a post inserted between two pages", () -> inserted.get() > before);
        } while (cursor != null);
        reading.set(false);
        writer.get();

        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).as("no duplicates").hasSameSizeAs(seen);
        assertThat(unique).as("every older post").containsAll(older);
        assertThat(inserted.get()).isGreaterThan(5);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(seen).as("newest first").isEqualTo(sorted);
    }

    private static String create(TestUser who, Map<String, Object> body) {
        var created = http.post("/v1/posts", body, who.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
