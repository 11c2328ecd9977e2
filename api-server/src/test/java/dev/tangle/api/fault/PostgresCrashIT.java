package dev.tangle.api.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.PostgresProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, Must show (a): PostgreSQL (durable settings) crashed with the equivalent of
 * {@code pg_ctl stop -m immediate} while 16 clients send: 0 acknowledged messages missing from the database, 0
 * events on {@code TANGLE_EVENTS} for messages not in the database, every refused send answered within 2 s with a
 * retryable status (503 {@code unavailable}). Clients retry a refused send with the same clientMsgId.
 *
 * <p>CI runs one short round; the full run is {@code -Dtangle.crash.rounds=3 -Dtangle.crash.seconds=30}.
 */
class PostgresCrashIT {

    private static final int CLIENTS = 16;
    private static final int ROUNDS = Integer.getInteger("tangle.crash.rounds", 1);
    private static final int SECONDS = Integer.getInteger("tangle.crash.seconds", 8);
    private static final long REFUSAL_MS = 2_000;

    private static PostgresProcess pg;
    private static NatsServerProcess nats;
    private static ApiTestServer api;

    /** What the clients were told: acknowledged message id → seq, and every refusal. */
    private final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    /** Retries of a refused send that found it committed after all (200): outcomes that were unknown. */
    private final AtomicLong foundCommitted = new AtomicLong();
    private final AtomicLong maxRefusalMs = new AtomicLong();
    /** When PostgreSQL was back in this round (nanoTime, 0 before), and the first ack after that. */
    private final AtomicLong backAt = new AtomicLong();
    private final AtomicLong firstAckAfterBack = new AtomicLong();

    @BeforeAll
    static void start() {
        pg = PostgresProcess.startDurable();
        nats = NatsServerProcess.start();
        api = ApiTestServer.start(pg, nats, Map.of());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        nats.stop();
        pg.close();
    }

    @Test
    void acknowledgedMessagesAndTheirEventsSurviveCrashesOfPostgres() throws Exception {
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            users.add(api.register("crash" + i));
        }
        List<UUID> conversations = new ArrayList<>();
        for (int g = 0; g < CLIENTS / 4; g++) {
            conversations.add(Faults.groupConversation(api.http(), users.get(g * 4), users.get(g * 4 + 1),
                    users.get(g * 4 + 2), users.get(g * 4 + 3)));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            runRound(round, users, conversations);
        }
        Await.until(Duration.ofSeconds(60), "the outbox to drain",
                () -> Faults.longs(api.env(), "SELECT count(*) FROM api.outbox").getFirst() == 0);

        Set<String> stored = new HashSet<>();
        Map<String, Long> seqOf = new HashMap<>();
        try (var c = java.sql.DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), pg.user(), "");
             var s = c.createStatement(); var rs = s.executeQuery("SELECT id, seq FROM api.messages")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
                seqOf.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<String> missing = acked.keySet().stream().filter(id -> !stored.contains(id)).toList();
        List<String> wrongSeq = acked.entrySet().stream().filter(e -> stored.contains(e.getKey())
                && !e.getValue().equals(seqOf.get(e.getKey()))).map(Map.Entry::getKey).toList();
        List<String> events = eventMessageIds();
        List<String> ghosts = events.stream().filter(id -> !stored.contains(id)).toList();
        for (UUID conv : conversations) {
            assertThat(Faults.longs(api.env(), "SELECT count(*) - max(seq) FROM api.messages WHERE conversation_id = ?", conv))
                    .as("seqs gapless in " + conv).containsExactly(0L);
        }
        System.out.printf("postgres crash: %d rounds x %d s, %d clients: %d acked, %d rows, %d refusals (max %d ms), "
                          + "%d events, %d acked missing, %d ghost events, %d wrong seqs, %d retries found their send committed%n",
                ROUNDS, SECONDS, CLIENTS, acked.size(), stored.size(), refused.get(), maxRefusalMs.get(), events.size(),
                missing.size(), ghosts.size(), wrongSeq.size(), foundCommitted.get());
        assertThat(problems).isEmpty();
        assertThat(missing).as("acknowledged messages missing from the database").isEmpty();
        assertThat(wrongSeq).as("acknowledged with another seq than stored").isEmpty();
        assertThat(ghosts).as("events of messages not in the database").isEmpty();
        assertThat(refused.get()).as("the crash was seen by the clients").isPositive();
        assertThat(new HashSet<>(events)).as("every stored message has its event").containsAll(stored);
    }

    private void runRound(int round, List<TestUser> users, List<UUID> conversations) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        long ackedBefore = acked.size();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                TestUser user = users.get(i);
                UUID conv = conversations.get(i / 4);
                futures.add(clients.submit(() -> sendUntilStopped(running, user, conv, "r" + round)));
            }
            long roundStart = System.nanoTime();
            awaitElapsed(roundStart, SECONDS * 1000L / 2);
            pg.crash();
            long crashed = System.nanoTime();
            awaitElapsed(crashed, 1_500);
            backAt.set(0);
            firstAckAfterBack.set(0);
            long restarting = System.nanoTime();
            pg.restart();
            backAt.set(System.nanoTime());
            System.out.printf("round %d: PostgreSQL crashed, restarted after %d ms (its start-up took %d ms)%n", round,
                    (System.nanoTime() - crashed) / 1_000_000, (System.nanoTime() - restarting) / 1_000_000);
            awaitElapsed(roundStart, SECONDS * 1000L);
            running.set(false);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        long firstAck = firstAckAfterBack.get();
        System.out.printf("round %d: %d acked; first ack %s ms after PostgreSQL was back%n", round,
                acked.size() - ackedBefore, firstAck == 0 ? "(none)" : Long.toString((firstAck - backAt.get()) / 1_000_000));
    }

    private void sendUntilStopped(AtomicBoolean running, TestUser user, UUID conv, String round) {
        String clientMsgId = null;
        int n = 0;
        while (running.get() || clientMsgId != null) {
            if (clientMsgId == null) {
                clientMsgId = user.handle() + "-" + round + "-" + (n++);
            }
            long started = System.nanoTime();
            HttpTestClient.Response res;
            try {
                res = api.http().post("/v1/conversations/" + conv + "/messages",
                        Map.of("clientMsgId", clientMsgId, "text", "crash test " + clientMsgId), user.accessToken());
            } catch (RuntimeException e) {
                problems.add("no answer: " + e);
                return;
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (res.status() == 201 || res.status() == 200) {
                JsonNode m = res.json();
                Long earlier = acked.putIfAbsent(m.get("id").asText(), m.get("seq").asLong());
                if (earlier != null && res.status() == 201) {
                    problems.add("a second 201 for " + clientMsgId);
                }
                if (res.status() == 200) {
                    foundCommitted.incrementAndGet();
                }
                clientMsgId = null;
                long back = backAt.get();
                if (back != 0) {
                    firstAckAfterBack.compareAndSet(0, Math.max(System.nanoTime(), back));
                }
            } else if (res.status() == 503 && "unavailable".equals(res.json().path("code").asText())
                       && res.header("Retry-After").isPresent()) {
                refused.incrementAndGet();
                maxRefusalMs.accumulateAndGet(ms, Math::max);
                if (ms >= REFUSAL_MS) {
                    problems.add("refusal after " + ms + " ms: " + res);
                }
                // the client's back-off before retrying the same clientMsgId (pacing, not waiting for a condition)
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            } else {
                problems.add("not a retryable answer: " + res);
                clientMsgId = null;
            }
            if (!running.get() && clientMsgId != null && ms > 10_000) {
                return;
            }
        }
    }

    /** Message ids of every message.created event on the stream. */
    private static List<String> eventMessageIds() throws Exception {
        try (Connection nc = Nats.connect(nats.url())) {
            long total = nc.jetStreamManagement().getStreamInfo(Streams.EVENTS).getStreamState().getMsgCount();
            JetStreamSubscription sub = nc.jetStream().subscribe("tangle.evt.chat.>",
                    PushSubscribeOptions.builder().ordered(true).build());
            List<String> ids = new ArrayList<>();
            for (long i = 0; i < total; i++) {
                var msg = sub.nextMessage(Duration.ofSeconds(5));
                if (msg == null) {
                    break;
                }
                JsonNode event = Json.tree(msg.getData());
                if (event.path("type").asText().equals("tangle.chat.message.created")) {
                    ids.add(event.get("data").get("message").get("id").asText());
                }
            }
            return ids;
        }
    }

    private static void awaitElapsed(long since, long millis) {
        Await.until(Duration.ofMillis(millis + 60_000), millis + " ms of sending",
                () -> System.nanoTime() - since >= millis * 1_000_000);
    }
}
