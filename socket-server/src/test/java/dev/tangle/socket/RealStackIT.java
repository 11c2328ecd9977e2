package dev.tangle.socket;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.ApiConfig;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * socket-server against the real api-server (PostgreSQL, RS256 tokens and its JWKS, {@code tangle.svc.chat.*},
 * chat events): two socket-server instances on the same NATS, users registered and the conversation created
 * over REST.
 */
class RealStackIT {

    private static RunningService api;
    private static RunningService one;
    private static RunningService two;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = TestInfra.env();
        env.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("tangle-keys").resolve("jwt-keys.json").toString());
        env.put("TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m");
        env.put("TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");
        api = dev.tangle.api.Main.start(ApiConfig.from(TestInfra.settings(env)));
        http = new HttpTestClient(api.baseUrl());
        one = socket(env, "real-socket-1");
        two = socket(env, "real-socket-2");
    }

    private static RunningService socket(Map<String, String> apiEnv, String instanceId) {
        Map<String, String> env = new HashMap<>();
        env.put("TANGLE_NATS_URL", apiEnv.get("TANGLE_NATS_URL"));
        env.put("TANGLE_PORT", "0");
        env.put("TANGLE_HTTP_HOST", "127.0.0.1");
        env.put("TANGLE_SHUTDOWN_TIMEOUT", "10s");
        env.put("TANGLE_INSTANCE_ID", instanceId);
        env.put("TANGLE_JWT_JWKS_URL", api.baseUrl() + "/.well-known/jwks.json");
        env.put("TANGLE_WS_HEARTBEAT", "1s");
        env.put("TANGLE_WS_RESUME_WINDOW", "300ms");
        return Main.start(SocketConfig.from(TestInfra.settings(env)));
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[] {one, two, api}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @Test
    void socketAndRestMessagesReachBothInstancesAndAResumeReplaysFromPostgres() {
        User a = register("real_a");
        User b = register("real_b");
        var created = http.post("/v1/conversations", Map.of("kind", "group", "title", "real stack", "memberIds", List.of(b.id)), a.token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String conversation = created.json().path("id").asText();

        WsClient onOne = live(one, a, conversation, 0);
        WsClient onTwo = live(two, b, conversation, 0);

        onOne.send(Map.of("type", "send", "id", "s1", "conversationId", conversation, "clientMsgId", UUID.randomUUID().toString(),
                "text", "over the socket"));
        JsonNode ack = onOne.await("ack of the socket send", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("s1"));
        assertThat(ack.path("message").path("seq").asLong()).isEqualTo(1);
        JsonNode atB = awaitMessage(onTwo, 1);
        assertThat(atB.path("message").path("text").asText()).isEqualTo("over the socket");
        assertThat(atB.path("message").path("senderId").asText()).isEqualTo(a.id);

        var rest = http.post("/v1/conversations/" + conversation + "/messages",
                Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "over REST"), b.token);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(awaitMessage(onOne, 2).path("message").path("text").asText()).isEqualTo("over REST");
        assertThat(awaitMessage(onTwo, 2).path("message").path("text").asText()).isEqualTo("over REST");

        onTwo.close();
        for (int i = 3; i <= 5; i++) {
            assertThat(http.post("/v1/conversations/" + conversation + "/messages",
                    Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "missed " + i), a.token).status()).isEqualTo(201);
        }
        awaitMessage(onOne, 5);
        WsClient back = WsClient.connect(one.baseUrl(), b.token);
        back.awaitType("hello");
        back.send(Map.of("type", "resume", "id", "r", "cursors", Map.of(conversation, 2)));
        JsonNode resumed = back.await("resumed", f -> f.path("type").asText().equals("resumed"));
        assertThat(resumed.path("delivered").asInt()).isEqualTo(3);
        assertThat(back.frames("message").stream().map(f -> f.path("message").path("text").asText()).toList())
                .containsExactly("missed 3", "missed 4", "missed 5");
        assertThat(createdSeqs(onOne)).containsExactly(1L, 2L, 3L, 4L, 5L);
        onOne.close();
        back.close();
    }

    /**
     * A send is validated once, by api-server: the same invalid send over REST and over the WebSocket gets the
     * same {@code code} and names the same field (in the frame's {@code field} and {@code errors}), including the
     * limits the two used to disagree on (clientMsgId 100 vs 128 chars, text 16,000 chars vs 16 KiB of UTF-8).
     */
    @Test
    void theSameInvalidSendGetsTheSameErrorOverRestAndTheWebSocket() {
        User a = register("inv_a");
        var created = http.post("/v1/conversations", Map.of("kind", "group", "title", "invalid", "memberIds", List.of()), a.token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String conversation = created.json().path("id").asText();
        WsClient ws = live(one, a, conversation, 0);

        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("clientMsgId", Map.of("text", "no key"));
        cases.put("clientMsgId ", Map.of("clientMsgId", "k".repeat(129), "text", "key too long"));
        cases.put("text", Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "€".repeat(6000)));
        cases.put("text ", Map.of("clientMsgId", UUID.randomUUID().toString()));
        cases.put("format", Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "x", "format", "html"));
        cases.put("mediaIds[0]", Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "x", "mediaIds", List.of(7)));
        int n = 0;
        for (var entry : cases.entrySet()) {
            String field = entry.getKey().trim();
            var rest = http.post("/v1/conversations/" + conversation + "/messages", entry.getValue(), a.token);
            assertThat(rest.status()).as(rest.toString()).isEqualTo(400);
            assertThat(rest.json().path("code").asText()).isEqualTo("validation_failed");
            assertThat(rest.json().path("errors").get(0).path("field").asText()).isEqualTo(field);

            String id = "bad-" + n++;
            Map<String, Object> frame = new HashMap<>(entry.getValue());
            frame.putAll(Map.of("type", "send", "id", id, "conversationId", conversation));
            ws.send(frame);
            JsonNode error = ws.await("error for " + field, f -> f.path("type").asText().equals("error")
                                                                  && f.path("id").asText().equals(id));
            assertThat(error.path("code").asText()).as(error.toString()).isEqualTo(rest.json().path("code").asText());
            assertThat(error.path("field").asText()).as(error.toString()).isEqualTo(field);
            assertThat(error.path("errors")).as(error.toString()).isEqualTo(rest.json().path("errors"));
            assertThat(error.path("detail").asText()).isEqualTo(rest.json().path("detail").asText());
        }
        // what only one of the two used to accept is accepted by both now
        String key = "k".repeat(128);
        ws.send(Map.of("type", "send", "id", "ok-ws", "conversationId", conversation, "clientMsgId", key,
                "text", "x".repeat(16_001)));
        JsonNode ack = ws.await("ack of a 128-char key", f -> f.path("id").asText().equals("ok-ws"));
        assertThat(ack.path("type").asText()).as(ack.toString()).isEqualTo("ack");
        ws.close();
    }

    private record User(String id, String token) {
    }

    private static User register(String prefix) {
        String handle = prefix + "_" + (System.nanoTime() % 1_000_000);
        var response = http.post("/v1/auth/register", Map.of("handle", handle, "password", "pw-" + handle + "-secret"), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new User(response.json().path("user").path("id").asText(), response.json().path("accessToken").asText());
    }

    /** Connected and resumed from {@code cursor}, so live messages flow at once. */
    private static WsClient live(RunningService instance, User user, String conversation, long cursor) {
        WsClient client = WsClient.connect(instance.baseUrl(), user.token);
        client.awaitType("hello");
        client.send(Map.of("type", "resume", "id", "r0", "cursors", Map.of(conversation, cursor)));
        client.awaitType("resumed");
        return client;
    }

    private static JsonNode awaitMessage(WsClient client, long seq) {
        return client.await(Duration.ofSeconds(10), "message " + seq, f -> f.path("type").asText().equals("message")
                                                                      && f.path("message").path("seq").asLong() == seq);
    }

    private static List<Long> createdSeqs(WsClient client) {
        return client.frames("message").stream().filter(f -> f.path("event").asText().equals("created"))
                .map(f -> f.path("message").path("seq").asLong()).toList();
    }
}
