package dev.tangle.api.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.SocialFixtures;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.TestInfra;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks against real PostgreSQL, NATS and a real HTTP receiver on loopback. */
class WebhookIT {

    /** What the receiver saw: every request, and whether it answered 2xx. */
    record Received(String id, String timestamp, String signature, String body, boolean accepted) {
    }

    static ApiTestServer api;
    static ApiTestServer shortRetries;
    static NatsServerProcess ownNats;
    static NatsServerProcess strictNats;
    static ApiTestServer strict;
    static HttpTestClient http;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresLeft = new AtomicInteger();
    static volatile boolean alwaysFail;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start(Map.of("TANGLE_WEBHOOKS_ALLOW_PRIVATE", "true", "TANGLE_WEBHOOKS_RETRY_BASE", "50ms",
                "TANGLE_WEBHOOKS_POLL_INTERVAL", "50ms"));
        // Each server has its own database, so each has its own NATS: the fan-in consumers of api-servers on one NATS
        // share its events, as instances on one database should. This one gives up after 2 s.
        ownNats = NatsServerProcess.start();
        shortRetries = ApiTestServer.start(TestInfra.postgres(), ownNats, Map.of("TANGLE_WEBHOOKS_ALLOW_PRIVATE", "true", "TANGLE_WEBHOOKS_RETRY_BASE",
                "50ms", "TANGLE_WEBHOOKS_RETRY_FOR", "2s", "TANGLE_WEBHOOKS_POLL_INTERVAL", "50ms"));
        strictNats = NatsServerProcess.start();
        strict = ApiTestServer.start(TestInfra.postgres(), strictNats, Map.of()); // defaults: private targets refused
        http = api.http();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = alwaysFail || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), body, !fail));
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        // the fan-in consumer starts with the server; wait until it exists so no event predates it
        awaitConsumer(api);
        awaitConsumer(shortRetries);
    }

    private static void awaitConsumer(ApiTestServer server) throws Exception {
        try (var nats = Nats.connect(server.env().get("TANGLE_NATS_URL"))) {
            Await.until(Duration.ofSeconds(15), "webhook consumer", () -> {
                try {
                    return nats.jetStreamManagement().getConsumerInfo("TANGLE_EVENTS", WebhookFanIn.DURABLE) != null;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        api.close();
        shortRetries.close();
        ownNats.close();
        strict.close();
        strictNats.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonNode register(TestUser owner, Object events) {
        return register(api, owner, events);
    }

    private static JsonNode register(ApiTestServer server, TestUser owner, Object events) {
        var res = server.http().post("/v1/webhooks", Map.of("url", url(), "events", events), owner.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json();
    }

    private static String post(TestUser author, String text) {
        return post(api, author, text);
    }

    private static String post(ApiTestServer server, TestUser author, String text) {
        var res = server.http().post("/v1/posts", Map.of("text", text, "visibility", "private"), author.accessToken());
        assertThat(res.status()).isEqualTo(201);
        return res.json().path("id").asText();
    }

    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Received> acceptedFor(String marker) {
        return received.stream().filter(r -> r.accepted() && r.body().contains(marker)).toList();
    }

    @Test
    void anEndpointThatFailsFiveTimesGetsEveryEventOnceInOrderSigned() throws Exception {
        TestUser owner = api.register("hooked");
        JsonNode hook = register(owner, List.of("post.created"));
        String secret = hook.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(http.get("/v1/webhooks/" + hook.path("id").asText(), owner.accessToken()).json().has("secret")).isFalse();

        String marker = UUID.randomUUID().toString();
        failuresLeft.set(5);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posts.add(post(owner, marker + " post " + i));
        }
        Await.until(Duration.ofSeconds(20), "three accepted deliveries", () -> acceptedFor(marker).size() >= 3);
        List<Received> accepted = acceptedFor(marker);
        assertThat(accepted).hasSize(3);
        assertThat(accepted.stream().map(r -> Json.tree(r.body().getBytes()).path("data").path("postId").asText()))
                .containsExactlyElementsOf(posts);
        assertThat(accepted.stream().map(Received::id).distinct()).hasSize(3);
        List<Received> all = received.stream().filter(r -> r.body().contains(marker)).toList();
        assertThat(all).hasSize(8); // 5 failed attempts of the first event, then each event once
        for (Received r : all) {
            assertThat(r.signature()).isEqualTo(sign(secret, r.id(), r.timestamp(), r.body()));
            JsonNode envelope = Json.tree(r.body().getBytes());
            assertThat(envelope.path("specversion").asText()).isEqualTo("1.0");
            assertThat(envelope.path("id").asText()).isEqualTo(r.id());
        }
        // the receiver sees a request before the dispatcher records its answer: wait for the record
        String deliveriesPath = "/v1/webhooks/" + hook.path("id").asText() + "/deliveries";
        Await.until(Duration.ofSeconds(10), "three deliveries recorded as delivered", () ->
                http.get(deliveriesPath + "?status=delivered", owner.accessToken()).json().path("items").size() == 3);
        var deliveries = http.get(deliveriesPath, owner.accessToken()).json();
        assertThat(deliveries.path("items")).hasSize(3);
        assertThat(deliveries.path("items").get(2).path("attempts").asInt()).isEqualTo(6);
        deliveries.path("items").forEach(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void aDeliveryFailingTooLongIsParkedTheEndpointDisabledAndReplayWorks() {
        HttpTestClient http = shortRetries.http();
        TestUser owner = shortRetries.register("deadhook");
        JsonNode hook = register(shortRetries, owner, List.of("*"));
        String id = hook.path("id").asText();
        String marker = UUID.randomUUID().toString();
        alwaysFail = true;
        try {
            post(shortRetries, owner, marker);
            Await.until(Duration.ofSeconds(20), "the endpoint disabled", () ->
                    http.get("/v1/webhooks/" + id, owner.accessToken()).json().path("status").asText().equals("disabled"));
        } finally {
            alwaysFail = false;
        }
        var dead = http.get("/v1/webhooks/" + id + "/deliveries?status=dead", owner.accessToken()).json().path("items");
        assertThat(dead).as(http.get("/v1/webhooks/" + id + "/deliveries", owner.accessToken()).text()).hasSize(1);
        String deliveryId = dead.get(0).path("id").asText();
        assertThat(http.patch("/v1/webhooks/" + id, Map.of("active", true), owner.accessToken()).status()).isEqualTo(200);
        assertThat(http.post("/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/replay", Map.of(),
                owner.accessToken()).status()).isEqualTo(204);
        // newest first; the endpoint's own webhook.disabled notification may be delivered too, when the fan-in took
        // it after the endpoint was enabled again
        Await.until(Duration.ofSeconds(10), "the replayed delivery delivered", () -> http.get("/v1/webhooks/" + id
                + "/deliveries?status=delivered", owner.accessToken()).json().path("items").findValuesAsText("id")
                .contains(deliveryId));
        assertThat(acceptedFor(marker)).hasSize(1);
    }

    @Test
    void privateAndLoopbackTargetsAreRefusedByDefault() {
        TestUser owner = strict.register("ssrf");
        for (String bad : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/",
                "file:///etc/passwd", "ftp://example.com/", "http://user:pw@example.com/")) {
            var res = strict.http().post("/v1/webhooks", Map.of("url", bad, "events", List.of("*")), owner.accessToken());
            assertThat(res.status()).as(bad).isEqualTo(400);
            assertThat(res.json().path("errors").get(0).path("field").asText()).as(bad).isEqualTo("url");
        }
    }

    @Test
    void othersWebhooksDoNotExistAndGroupHooksNeedAnAdmin() {
        TestUser owner = api.register("whowner");
        TestUser other = api.register("whother");
        String id = register(owner, List.of("*")).path("id").asText();
        assertThat(http.get("/v1/webhooks/" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.delete("/v1/webhooks/" + id, other.accessToken()).status()).isEqualTo(404);
        SocialFixtures social = new SocialFixtures(api);
        UUID group = social.group(owner, "public");
        social.member(group, other, "member");
        var asMember = http.post("/v1/webhooks", Map.of("url", url(), "events", List.of("*"), "groupId", group.toString()),
                other.accessToken());
        assertThat(asMember.status()).isEqualTo(403);
        TestUser stranger = api.register("whstranger");
        assertThat(http.post("/v1/webhooks", Map.of("url", url(), "events", List.of("*"), "groupId", group.toString()),
                stranger.accessToken()).status()).isEqualTo(404);
        var bad = http.post("/v1/webhooks", Map.of("url", url(), "events", List.of("Not An Event")), owner.accessToken());
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("events[0]");
    }
}
