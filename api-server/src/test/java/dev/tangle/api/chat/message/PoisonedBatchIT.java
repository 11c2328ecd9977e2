package dev.tangle.api.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.metrics.Metrics;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.test.TestInfra;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 3: a send PostgreSQL refuses (here a NUL in its text, which the JSON layer would have refused
 * before; built directly to reach the writer) fails alone, and the good sends written in the same batches commit.
 */
class PoisonedBatchIT {

    private static ApiTestServer api;
    private static Database db;
    private static Connection nats;
    private static OutboxRelay relay;
    private static SendBatcher batcher;

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        CommonConfig config = CommonConfig.from(Settings.of(api.env()), "api-server", 0, "api");
        Metrics metrics = Metrics.create("poison");
        db = Database.open(config.db(), metrics.registry(), Duration.ofSeconds(30));
        nats = Nats.connect(TestInfra.nats().url());
        relay = new OutboxRelay(db, nats.jetStream(), metrics, Duration.ofSeconds(1));
        // one stripe, one writer and a big batch: queued sends are taken together
        batcher = new SendBatcher(new MessageWriter(db, relay, new MessageRepository(), new ConversationRepository()),
                1, 1, 256, metrics);
    }

    @AfterAll
    static void stop() throws Exception {
        batcher.close();
        relay.close();
        nats.close();
        db.close();
        api.close();
    }

    @Test
    void aPoisonedSendFailsAloneAndEveryGoodSendOfItsBatchCommits() throws Exception {
        TestUser good = api.register("good");
        TestUser evil = api.register("evil");
        UUID goodConv = conversation(good);
        UUID evilConv = conversation(evil);
        List<CompletableFuture<SendResult>> goods = new ArrayList<>();
        List<CompletableFuture<SendResult>> poisoned = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 120; i++) {
                if (i % 10 == 3) {
                    SendCommand bad = command(evil, evilConv, "nul\u0000inside " + i);
                    poisoned.add(CompletableFuture.supplyAsync(() -> batcher.send(bad), senders));
                } else {
                    SendCommand ok = command(good, goodConv, "fine " + i);
                    goods.add(CompletableFuture.supplyAsync(() -> batcher.send(ok), senders));
                }
            }
            CompletableFuture.allOf(goods.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(60, TimeUnit.SECONDS);
        }
        for (CompletableFuture<SendResult> g : goods) {
            assertThat(g).as("every good send commits").isCompletedWithValueMatching(SendResult::created);
        }
        for (CompletableFuture<SendResult> p : poisoned) {
            assertThat(p).isCompletedExceptionally();
            p.exceptionally(e -> {
                Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                assertThat(cause).isInstanceOf(ApiException.class);
                assertThat(((ApiException) cause).status()).as("a client error, not a 500").isEqualTo(400);
                return null;
            }).get();
        }
        assertThat(count("SELECT count(*) FROM api.messages WHERE conversation_id = '" + goodConv + "'")).isEqualTo(108);
        assertThat(count("SELECT max(seq) FROM api.messages WHERE conversation_id = '" + goodConv + "'")).isEqualTo(108);
        assertThat(count("SELECT count(*) FROM api.messages WHERE conversation_id = '" + evilConv + "'")).isZero();
    }

    private static UUID conversation(TestUser owner) {
        var res = api.http().post("/v1/conversations", Map.of("kind", "group", "title", "t", "memberIds", List.of()),
                owner.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return UUID.fromString(res.json().get("id").asText());
    }

    private static SendCommand command(TestUser sender, UUID conv, String text) {
        return new SendCommand(sender.id(), conv, UUID.randomUUID().toString(), text, "plain", null, null, null, null,
                List.of(), List.of(), null);
    }

    private static long count(String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), api.env().get("TANGLE_DB_USER"), "");
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
