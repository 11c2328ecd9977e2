package dev.tangle.api.community;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.SocialFixtures;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The events other services consume, as documented in docs/events.md (Community). */
class CommunityEventsIT {

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static Connection nats;
    private static JetStreamManagement jsm;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        http = api.http();
        nats = Nats.connect(api.env().get("TANGLE_NATS_URL"));
        jsm = nats.jetStreamManagement();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        nats.close();
        api.close();
    }

    @Test
    void postLifecycleEventsCarryTheStoredLocation() {
        TestUser author = api.register("geo");
        var created = http.post("/v1/posts", Map.of("text", "sunset", "visibility", "friends", "format", "markdown",
                "location", Map.of("lat", 48.858370, "lon", 2.294481, "name", "Tour Eiffel", "precision", "approximate")),
                author.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode post = created.json();
        String id = post.get("id").asText();
        JsonNode location = post.get("location");
        assertThat(location.get("precision").asText()).isEqualTo("approximate");
        assertThat(location.get("lat").asDouble()).isNotEqualTo(48.858370).isCloseTo(48.858370, org.assertj.core.data.Offset.offset(0.01));
        assertThat(location.get("lon").asDouble()).isNotEqualTo(2.294481).isCloseTo(2.294481, org.assertj.core.data.Offset.offset(0.01));

        JsonNode event = await("tangle.evt.post." + id + ".created");
        assertThat(event.get("type").asText()).isEqualTo("tangle.post.created");
        JsonNode data = event.get("data");
        assertThat(data.get("postId").asText()).isEqualTo(id);
        assertThat(data.get("authorId").asText()).isEqualTo(author.id().toString());
        assertThat(data.get("visibility").asText()).isEqualTo("friends");
        assertThat(data.get("groupId").isNull()).isTrue();
        assertThat(data.get("createdAt").asText()).isEqualTo(post.get("createdAt").asText());
        assertThat(data.get("location")).isEqualTo(location);
        assertThat(data.get("mediaIds").isArray()).isTrue();
        assertThat(data.get("text").asText()).isEqualTo("sunset");

        http.patch("/v1/posts/" + id, Map.of("text", "sunset!"), author.accessToken());
        JsonNode updated = await("tangle.evt.post." + id + ".updated").get("data");
        assertThat(updated.get("editedAt").isNull()).isFalse();
        assertThat(updated.get("text").asText()).isEqualTo("sunset!");

        assertThat(http.delete("/v1/posts/" + id, author.accessToken()).status()).isEqualTo(204);
        JsonNode deleted = await("tangle.evt.post." + id + ".deleted").get("data");
        assertThat(deleted.get("postId").asText()).isEqualTo(id);
        assertThat(deleted.has("text")).isFalse();
    }

    @Test
    void commentsRepliesAndReactionsNotifyTheOwnerButNeverOneselfOrAcrossABlock() {
        TestUser owner = api.register("owner");
        TestUser fan = api.register("fan");
        TestUser troll = api.register("troll");
        String post = http.post("/v1/posts", Map.of("text", "hello", "visibility", "public"), owner.accessToken())
                .json().get("id").asText();
        String notifications = "tangle.evt.user." + owner.id() + ".notification";

        String comment = http.post("/v1/posts/" + post + "/comments", Map.of("text", "nice"), fan.accessToken())
                .json().get("id").asText();
        JsonNode commented = awaitKind(notifications, "post.commented");
        assertThat(commented.get("kind").asText()).isEqualTo("post.commented");
        assertThat(commented.get("commentId").asText()).isEqualTo(comment);
        assertThat(commented.get("byUserId").asText()).isEqualTo(fan.id().toString());
        JsonNode created = await("tangle.evt.post." + post + ".comment.created").get("data");
        assertThat(created.get("commentId").asText()).isEqualTo(comment);
        assertThat(created.get("authorId").asText()).isEqualTo(fan.id().toString());

        String reply = http.post("/v1/posts/" + post + "/comments", Map.of("text", "thanks", "parentId", comment),
                owner.accessToken()).json().get("id").asText();
        JsonNode replied = awaitKind("tangle.evt.user." + fan.id() + ".notification", "comment.replied");
        assertThat(replied.get("kind").asText()).isEqualTo("comment.replied");
        assertThat(replied.get("commentId").asText()).isEqualTo(reply);
        assertThat(replied.get("parentId").asText()).isEqualTo(comment);

        String party = URLEncoder.encode("🎉", StandardCharsets.UTF_8);
        assertThat(http.put("/v1/posts/" + post + "/reactions/" + party, null, fan.accessToken()).status()).isEqualTo(200);
        JsonNode reacted = awaitKind(notifications, "post.reacted");
        assertThat(reacted.get("kind").asText()).isEqualTo("post.reacted");
        assertThat(reacted.get("emoji").asText()).isEqualTo("🎉");
        JsonNode added = await("tangle.evt.post." + post + ".reaction.added").get("data");
        assertThat(added.get("userId").asText()).isEqualTo(fan.id().toString());
        assertThat(added.get("commentId").isNull()).isTrue();

        // reacting to one's own post, and a comment by a user the owner blocked afterwards, notify nobody
        String lastId = last(notifications).orElseThrow().get("id").asText();
        http.put("/v1/posts/" + post + "/reactions/" + party, null, owner.accessToken());
        http.post("/v1/posts/" + post + "/comments", Map.of("text", "own comment"), owner.accessToken());
        new SocialFixtures(api).block(owner, troll);
        String trollComment = http.post("/v1/posts/" + post + "/comments", Map.of("text", "boo"), troll.accessToken())
                .json().toString();
        assertThat(trollComment).contains("Post not found");
        String marker = http.post("/v1/posts/" + post + "/comments", Map.of("text", "marker"), fan.accessToken())
                .json().get("id").asText();
        JsonNode next = await(notifications, n -> !n.get("id").asText().equals(lastId));
        assertThat(next.get("data").get("commentId").asText()).as("the next notification is the marker's").isEqualTo(marker);
    }

    /** The data of the newest notification on a subject once it is of the given kind (earlier ones may still be last). */
    private static JsonNode awaitKind(String subject, String kind) {
        return await(subject, n -> kind.equals(n.get("data").get("kind").asText())).get("data");
    }

    private static JsonNode await(String subject) {
        return await(subject, n -> true);
    }

    private static JsonNode await(String subject, java.util.function.Predicate<JsonNode> accept) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Await.until(Duration.ofSeconds(10), "an event on " + subject, () -> {
            Optional<JsonNode> event = last(subject).filter(accept);
            event.ifPresent(found::set);
            return event.isPresent();
        });
        return found.get();
    }

    private static Optional<JsonNode> last(String subject) {
        try {
            return Optional.of(Json.tree(jsm.getLastMessage("TANGLE_EVENTS", subject).getData()));
        } catch (JetStreamApiException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
