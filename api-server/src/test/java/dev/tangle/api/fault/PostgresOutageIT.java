package dev.tangle.api.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.PostgresProcess;
import dev.tangle.common.test.TestInfra;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL away (issue 12, item 2): REST and {@code tangle.svc.chat.send} answer a retryable 503
 * {@code unavailable} with {@code Retry-After} within 2 s, readiness is 503, and sends succeed again within 2 s of
 * PostgreSQL's return.
 */
class PostgresOutageIT {

    private static final long ANSWER_MS = 2_000;
    private static PostgresProcess pg;
    private static ApiTestServer api;

    @BeforeAll
    static void start() {
        pg = PostgresProcess.startDurable();
        api = ApiTestServer.start(pg, TestInfra.nats(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        pg.close();
    }

    @Test
    void whilePostgresIsAwayEveryAnswerIsAQuickRetryable503AndSendsResumeWithinTwoSeconds() throws Exception {
        TestUser a = api.register("away");
        UUID conv = Faults.groupConversation(api.http(), a);
        assertThat(send(a, conv, "before").status()).isEqualTo(201);

        pg.crash();
        try (Connection nc = Nats.connect(TestInfra.nats().url())) {
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                HttpTestClient.Response res = send(a, conv, "during " + i);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(res.status()).as(res.toString()).isEqualTo(503);
                assertThat(ms).as("answered in ms").isLessThan(ANSWER_MS);
                assertThat(res.contentType()).startsWith("application/problem+json");
                assertThat(res.json().get("code").asText()).isEqualTo("unavailable");
                assertThat(res.header("Retry-After")).isPresent();

                started = System.nanoTime();
                var reply = nc.request("tangle.svc.chat.send", Json.write(Map.of("userId", a.id().toString(),
                        "conversationId", conv.toString(), "body", Map.of("clientMsgId", "nats-" + i, "text", "over nats"))),
                        Duration.ofSeconds(5));
                ms = (System.nanoTime() - started) / 1_000_000;
                JsonNode body = dev.tangle.api.support.ServiceReplies.normalized(reply);
                assertThat(body.get("ok").asBoolean()).as(new String(reply.getData(), StandardCharsets.UTF_8)).isFalse();
                assertThat(body.get("error").get("code").asText()).isEqualTo("unavailable");
                assertThat(body.get("error").get("status").asInt()).isEqualTo(503);
                assertThat(body.get("error").get("retryAfterSeconds").asLong()).isPositive();
                assertThat(ms).isLessThan(ANSWER_MS);
            }
            // other routes too: a read, a login (no token)
            var feed = api.http().get("/v1/feed", a.accessToken());
            assertThat(feed.status()).as(feed.toString()).isEqualTo(503);
            var login = api.http().post("/v1/auth/login", Map.of("handle", a.handle(), "password", a.password()), null);
            assertThat(login.status()).as(login.toString()).isEqualTo(503);
            assertThat(login.json().get("code").asText()).isEqualTo("unavailable");

            long readyStarted = System.nanoTime();
            var ready = api.http().get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat((System.nanoTime() - readyStarted) / 1_000_000).isLessThan(ANSWER_MS);
        }

        pg.restart();
        long back = System.nanoTime();
        Await.until(Duration.ofSeconds(2), "a send to succeed within 2 s of PostgreSQL's return",
                () -> send(a, conv, "after").status() == 201);
        long recoveredMs = (System.nanoTime() - back) / 1_000_000;
        assertThat(recoveredMs).isLessThan(ANSWER_MS);
        Await.until(Duration.ofSeconds(2), "readiness 200", () -> api.http().get("/health/ready", null).status() == 200);
        List<Long> counts = Faults.longs(api.env(), "SELECT count(*) FROM api.messages WHERE conversation_id = ?", conv);
        assertThat(counts.getFirst()).as("before + the sends after recovery; none of the refused").isGreaterThanOrEqualTo(2)
                .isEqualTo(Faults.longs(api.env(), "SELECT count(*) FROM api.messages WHERE conversation_id = ? "
                                                   + "AND (text = 'before' OR text = 'after')", conv).getFirst());
    }

    private static HttpTestClient.Response send(TestUser a, UUID conv, String text) {
        return api.http().post("/v1/conversations/" + conv + "/messages",
                Map.of("clientMsgId", UUID.randomUUID().toString(), "text", text), a.accessToken());
    }
}
