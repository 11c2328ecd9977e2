package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.test.Await;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance two (its own JVM) is killed hard while 200 clients are connected to it and messages flow: every
 * client reconnects to instance one, resumes, and ends up with every committed message exactly once, in seq
 * order; a friend on instance one sees the users of the dead instance go offline within two heartbeats.
 */
class FailoverIT {

    private static final int CONVERSATIONS = 20;
    private static final int MEMBERS = 10;

    private static SocketStack stack;
    private static RunningService one;
    private static SocketStack.ProcessInstance two;
    /** Where clients (re)connect: instance two until it is killed (a set-up refused with 1013 retries there). */
    private static volatile String home;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        // 200 clients reconnect at once on a shared 2-core machine: give each resume frame time to arrive
        one = stack.start(Map.of("TANGLE_WS_RESUME_WINDOW", "3s"));
        two = stack.startProcess(Map.of("TANGLE_WS_RESUME_WINDOW", "3s"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void killedInstanceClientsResumeOnTheOtherWithEveryMessageExactlyOnceInOrder() throws Exception {
        List<UUID> conversations = new ArrayList<>();
        List<ResumingClient> clients = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            UUID[] members = new UUID[MEMBERS];
            for (int m = 0; m < MEMBERS; m++) {
                members[m] = Ids.newId();
            }
            UUID conversation = stack.chat().createConversation("group", members);
            conversations.add(conversation);
            for (UUID member : members) {
                clients.add(new ResumingClient(member, conversation));
            }
        }
        UUID watcher = Ids.newId();
        UUID watched = Ids.newId();
        stack.chat().befriend(watcher, watched);
        WsClient ghost = WsClient.connect(two.baseUrl(), stack.tokens().token(watched));
        ghost.awaitType("hello");
        home = two.baseUrl();
        for (ResumingClient client : clients) {
            client.connect(home);
        }
        Await.until(Duration.ofSeconds(60), "200 clients resumed on instance two", () ->
                clients.stream().allMatch(c -> c.resumes.get() == 1));
        WsClient friend = WsClient.connect(one.baseUrl(), stack.tokens().token(watcher));
        friend.await("watched user online", f -> f.path("type").asText().equals("presence")
                                               && f.path("status").asText().equals("online"));

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread sender = Thread.ofVirtual().start(() -> {
            Random random = new Random(7);
            while (sending.get()) {
                UUID conversation = conversations.get(random.nextInt(CONVERSATIONS));
                UUID author = clients.get(conversations.indexOf(conversation) * MEMBERS).userId;
                stack.chat().send(author, conversation, "m" + sent.incrementAndGet());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread watchdog = Thread.ofVirtual().start(() -> {
            // what real clients do with hello's heartbeatMs: a silent connection is dead, reconnect
            while (!Thread.currentThread().isInterrupted()) {
                clients.forEach(ResumingClient::checkAlive);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Await.until(Duration.ofSeconds(20), "messages to flow", () -> sent.get() > 300);
        home = one.baseUrl();
        clients.forEach(c -> c.resumesAtKill = c.resumes.get());
        long killedAt = System.nanoTime();
        two.kill();
        friend.await(Duration.ofSeconds(5), "the user of the dead instance offline", f -> f.path("type").asText().equals("presence")
                                                                                    && f.path("status").asText().equals("offline"));
        long offlineAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
        try {
            Await.until(Duration.ofSeconds(30), "every client to resume on instance one", () ->
                    clients.stream().allMatch(c -> c.resumes.get() > c.resumesAtKill));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": resumes per client " + clients.stream()
                    .collect(java.util.stream.Collectors.groupingBy(c -> c.resumes.get() + "/" + c.ws.isClosed() + "/" + c.ws.frames().size() + "/" + c.errors
                                    + "/" + c.ws.frames().stream().limit(3).map(f -> f.path("type").asText()).toList(),
                            java.util.stream.Collectors.counting())), e);
        }
        Await.until(Duration.ofSeconds(20), "more messages after the failover", () -> sent.get() > 900);
        sending.set(false);
        sender.join();

        Map<UUID, Long> last = new HashMap<>();
        conversations.forEach(c -> last.put(c, stack.chat().lastSeq(c)));
        try {
            Await.until(Duration.ofSeconds(30), "every client to hold every committed message", () ->
                    clients.stream().allMatch(c -> c.count() == last.get(c.conversation)));
        } catch (AssertionError e) {
            ResumingClient bad = clients.stream().filter(c -> c.count() != last.get(c.conversation)).findFirst().orElseThrow();
            long badCount = clients.stream().filter(c -> c.count() != last.get(c.conversation)).count();
            throw new AssertionError(e.getMessage() + ": " + badCount + " clients short; e.g. expected 1.." + last.get(bad.conversation)
                                     + " got " + bad.seqs() + " user " + bad.userId + " resumes " + bad.resumes + " errors " + bad.errors + " closed " + bad.ws.isClosed(), e);
        }
        for (ResumingClient client : clients) {
            assertThat(client.errors).isEmpty();
            assertThat(client.seqs()).as("messages of %s", client.userId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last.get(client.conversation)).boxed().toList());
        }
        assertThat(offlineAfterMillis).as("offline within two heartbeats (1 s)").isLessThanOrEqualTo(2_500);
        assertThat(sent.get()).isGreaterThan(900);
        watchdog.interrupt();
        friend.close();
        clients.forEach(ResumingClient::close);
    }

    /** A client that resumes from its last seq whenever it (re)connects, and reconnects to instance one on loss. */
    private static final class ResumingClient {
        final UUID userId;
        final UUID conversation;
        final AtomicInteger resumes = new AtomicInteger();
        volatile int resumesAtKill;
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> seqs = new ArrayList<>();
        private volatile WsClient ws;
        private volatile boolean closing;
        private final AtomicBoolean reconnecting = new AtomicBoolean();

        ResumingClient(UUID userId, UUID conversation) {
            this.userId = userId;
            this.conversation = conversation;
        }

        void connect(String baseUrl) {
            var ready = new java.util.concurrent.CompletableFuture<WsClient>();
            WsClient mine = WsClient.connect(baseUrl, stack.tokens().token(userId), b -> { }, f -> onFrame(f, ready));
            ready.complete(mine);
            ws = mine;
            mine.onClosed(() -> {
                if (mine == ws) {
                    reconnect();
                }
            });
        }

        void checkAlive() {
            WsClient current = ws;
            if (!closing && System.nanoTime() - current.lastHeardNanos() > Duration.ofSeconds(3).toNanos()) {
                current.abort();
                reconnect();
            }
        }

        private void reconnect() {
            if (closing || !reconnecting.compareAndSet(false, true)) {
                return;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    while (!closing) {
                        try {
                            connect(home);
                            return;
                        } catch (RuntimeException e) {
                            Thread.sleep(100);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    reconnecting.set(false);
                }
            });
        }

        private void onFrame(JsonNode frame, java.util.concurrent.CompletableFuture<WsClient> socket) {
            switch (frame.path("type").asText()) {
                case "hello" -> {
                    long cursor;
                    synchronized (this) {
                        cursor = seqs.isEmpty() ? 0 : seqs.getLast();
                    }
                    Thread.ofVirtual().start(() -> {
                        try {
                            socket.join().send(Map.of("type", "resume", "id", "r", "cursors", Map.of(conversation.toString(), cursor)));
                        } catch (RuntimeException e) {
                            errors.add("resume not sent: " + e);
                        }
                    });
                }
                case "resumed" -> resumes.incrementAndGet();
                case "error" -> errors.add(frame.toString());
                case "message" -> {
                    if (frame.path("event").asText().equals("created")) {
                        synchronized (this) {
                            seqs.add(frame.path("message").path("seq").asLong());
                        }
                    }
                }
                default -> {
                }
            }
        }

        synchronized int count() {
            return seqs.size();
        }

        synchronized List<Long> seqs() {
            return List.copyOf(seqs);
        }

        void close() {
            closing = true;
            ws.close();
        }
    }
}
