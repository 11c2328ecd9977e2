package dev.tangle.socket.session;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.TestTokens;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handshake, the frame rules and what bad clients get, against one real instance on real NATS. */
class HandshakeAndFramesIT {

    private static SocketStack stack;
    private static RunningService strict;
    private static RunningService lenient;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        strict = stack.start(Map.of("TANGLE_WS_ALLOWED_ORIGINS", "https://app.tangle.example"));
        // the fuzzer gets ~10,000 error replies: room for them so it is not closed as a slow consumer
        lenient = stack.start(Map.of("TANGLE_WS_RATE_BURST", "100000", "TANGLE_WS_RATE_PER_SECOND", "100000",
                "TANGLE_WS_QUEUE_MESSAGES", "20000"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void missingOrInvalidTokenIs401BeforeTheUpgrade() {
        assertThat(upgradeStatus(strict, "")).isEqualTo(401);
        assertThat(upgradeStatus(strict, "?access_token=garbage")).isEqualTo(401);
        assertThat(upgradeStatus(strict, "?access_token=" + TestTokens.forged(Ids.newId()))).isEqualTo(401);
        assertThat(upgradeStatus(strict, "?access_token=" + stack.tokens().token(Ids.newId(), Duration.ofSeconds(-60))))
                .isEqualTo(401);
        assertThatThrownBy(() -> WsClient.connect(strict.baseUrl(), "nope"))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void foreignOriginIs403AndAllowedOriginConnects() {
        String token = stack.tokens().token(Ids.newId());
        var foreign = send(HttpRequest.newBuilder(URI.create(strict.baseUrl() + "/v1/ws?access_token=" + token))
                .header("Origin", "https://evil.example").GET().build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        WsClient ok = WsClient.connect(strict.baseUrl(), token, b -> b.header("Origin", "https://app.tangle.example"));
        assertThat(ok.awaitType("hello")).isNotNull();
        ok.close();
    }

    @Test
    void helloComesFirstAndSubprotocolIsAccepted() {
        UUID me = Ids.newId();
        String[] chosen = new String[1];
        WsClient client = WsClient.connect(strict.baseUrl(), stack.tokens().token(me), b -> b.subprotocols("tangle.v1"));
        JsonNode hello = client.awaitType("hello");
        assertThat(client.frames().getFirst()).isEqualTo(hello);
        assertThat(hello.get("userId").asText()).isEqualTo(me.toString());
        assertThat(hello.get("heartbeatMs").asLong()).isEqualTo(1000);
        assertThat(hello.get("sessionId").asText()).isNotBlank();
        client.send(Map.of("type", "ping", "id", "p1"));
        assertThat(client.await("pong", f -> f.path("type").asText().equals("pong")).get("id").asText()).isEqualTo("p1");
        client.close();
    }

    @Test
    void badFramesGetErrorFramesAndTheSessionStaysOpen() {
        WsClient client = WsClient.connect(strict.baseUrl(), stack.tokens().token(Ids.newId()));
        client.awaitType("hello");
        client.sendText("{not json");
        client.sendText("[1,2,3]");
        client.send(Map.of("type", "teleport", "id", "t1"));
        client.send(Map.of("type", "send", "id", "s1", "clientMsgId", "c1", "text", "hi"));
        client.send(Map.of("type", "read", "id", "r1", "conversationId", "not-an-id", "seq", 1));
        client.send(Map.of("type", "typing", "id", "y1", "conversationId", Ids.newId().toString()));
        client.send(Map.of("type", "presence", "id", "x1", "status", "sleepy"));
        assertThat(client.await("error for malformed json", f -> f.path("code").asText().equals("malformed_frame"))).isNotNull();
        assertThat(errorFor(client, "t1").get("code").asText()).isEqualTo("unknown_type");
        assertThat(errorFor(client, "s1").get("field").asText()).isEqualTo("conversationId");
        assertThat(errorFor(client, "r1").get("field").asText()).isEqualTo("conversationId");
        assertThat(errorFor(client, "y1").get("code").asText()).isEqualTo("not_found");
        assertThat(errorFor(client, "x1").get("field").asText()).isEqualTo("status");
        assertThat(client.frames("error").stream().filter(f -> f.path("code").asText().equals("malformed_frame"))).hasSize(2);
        client.send(Map.of("type", "ping", "id", "still-here"));
        client.await("pong after errors", f -> f.path("id").asText().equals("still-here"));
        assertThat(client.isClosed()).isFalse();
        client.close();
    }

    @Test
    void frameOver64KiBClosesWith1009() {
        WsClient client = WsClient.connect(strict.baseUrl(), stack.tokens().token(Ids.newId()));
        client.awaitType("hello");
        client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
    }

    @Test
    void floodingClientIsClosedWith4008() {
        WsClient flooder = WsClient.connect(strict.baseUrl(), stack.tokens().token(Ids.newId()));
        flooder.awaitType("hello");
        try {
            for (int i = 0; i < 200 && !flooder.isClosed(); i++) {
                flooder.send(Map.of("type", "ping", "id", i));
            }
        } catch (CompletionException closedMeanwhile) {
            // the server closed the socket while we were still sending
        }
        assertThat(flooder.awaitClose(Duration.ofSeconds(10))).isEqualTo(4008);
        assertThat(flooder.frames("pong").size()).isLessThanOrEqualTo(61);
    }

    @Test
    void tenThousandMalformedOrRandomFramesLeaveServerAndOthersUnaffected() {
        UUID victim = Ids.newId();
        UUID bystander = Ids.newId();
        UUID conversation = stack.chat().createConversation("direct", victim, bystander);
        WsClient fuzzer = WsClient.connect(lenient.baseUrl(), stack.tokens().token(victim));
        WsClient other = WsClient.connect(lenient.baseUrl(), stack.tokens().token(bystander));
        fuzzer.awaitType("hello");
        other.awaitType("hello");
        Random random = new Random(42);
        String[] types = {"send", "resume", "typing", "read", "presence", "canvas.join", "canvas.leave", "ping", "auth", "x"};
        for (int i = 0; i < 10_000; i++) {
            fuzzer.sendText(randomFrame(random, types, i));
            if (i % 1000 == 0) {
                stack.chat().send(victim, conversation, "during fuzz " + i);
            }
        }
        fuzzer.send(Map.of("type", "ping", "id", "alive"));
        fuzzer.await(Duration.ofSeconds(30), "pong after the fuzz", f -> f.path("id").asText().equals("alive"));
        Await.until(Duration.ofSeconds(10), "the bystander to get all 10 messages",
                () -> other.frames("message").size() == 10);
        assertThat(other.frames("message").stream().map(f -> f.path("message").path("seq").asLong()).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(fuzzer.isClosed()).isFalse();
        assertThat(fuzzer.frames("error").size()).isGreaterThan(5_000);
        assertThat(new dev.tangle.common.test.HttpTestClient(lenient.baseUrl()).get("/health/ready", null).status()).isEqualTo(200);
        fuzzer.close();
        other.close();
    }

    private static String randomFrame(Random random, String[] types, int i) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> new String(random.ints(random.nextInt(200), 0, 0x2FFF).toArray(), 0, 0) + "\u0000{";
            case 2 -> "{\"type\":" + random.nextInt() + "}";
            case 3 -> "{\"type\":\"" + types[random.nextInt(types.length)] + "\",\"conversationId\":" + random.nextDouble()
                      + ",\"cursors\":[\"" + i + "\"],\"seq\":-1,\"status\":{}}";
            case 4 -> "{\"type\":\"" + types[random.nextInt(types.length)] + "\",\"id\":" + i
                      + ",\"token\":\"a.b.c\",\"cursors\":{\"x\":1},\"conversationId\":\"" + UUID.randomUUID() + "\"}";
            default -> "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + i;
        };
    }

    private static JsonNode errorFor(WsClient client, String id) {
        return client.await("error for " + id, f -> f.path("type").asText().equals("error") && f.path("id").asText().equals(id));
    }

    private static int upgradeStatus(RunningService server, String query) {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/ws" + query))
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                .GET().build()).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return WsClient.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
