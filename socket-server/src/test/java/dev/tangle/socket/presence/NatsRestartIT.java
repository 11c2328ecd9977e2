package dev.tangle.socket.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.socket.support.NatsNode;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NATS restarts under connected clients (issue 12 item 6): the server is killed and started again on the same
 * port, with its store or without it; readiness of both socket-server instances goes 503 while it is away and
 * 200 once it is back with its streams and buckets; presence (including a status chosen before), typing,
 * messages, notifications and canvas rooms then work across the two instances, and no friend saw anyone flap
 * offline or leave a room.
 */
class NatsRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static NatsNode node;
    private static SocketStack stack;
    private static RunningService one;
    private static RunningService two;

    @BeforeAll
    static void start() {
        node = new NatsNode();
        stack = new SocketStack(node.url());
        one = stack.start(Map.of());
        two = stack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
        node.close();
    }

    @Test
    void everythingRecoversAfterARestartThatKeptTheStore() {
        survives(false);
    }

    @Test
    void everythingRecoversAfterAServerThatLostItsStore() {
        survives(true);
    }

    @Test
    void readinessIsDownWhileTheBucketIsMissingUntilItIsRecreated() throws Exception {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        stack.chat().befriend(a, b);
        WsClient aWs = connect(one, a);
        WsClient bWs = connect(two, b);
        aWs.await("b online", f -> isPresence(f, b, "online"));

        try (Connection admin = Nats.connect(node.url())) {
            admin.jetStreamManagement().deleteStream("KV_" + Streams.PRESENCE_BUCKET);
        }
        HttpTestClient.Response ready = new HttpTestClient(one.baseUrl()).get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.text()).contains("KV_" + Streams.PRESENCE_BUCKET);
        awaitReadiness(200, one, two);

        bWs.send(Map.of("type", "presence", "id", "p", "status", "away"));
        assertThat(bWs.await("reply", f -> "p".equals(f.path("id").asText())).path("type").asText()).isEqualTo("ack");
        aWs.await("b away", f -> isPresence(f, b, "away"));
        assertThat(presenceOf(aWs, b)).containsExactly("online", "away");
        aWs.close();
        bWs.close();
    }

    private void survives(boolean loseStore) {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        stack.chat().befriend(a, b);
        UUID conversation = stack.chat().createConversation("direct", a, b);
        UUID canvas = stack.chat().createConversation("canvas", a, b);
        WsClient aWs = connect(one, a);
        WsClient bWs = connect(two, b);
        aWs.await("b online", f -> isPresence(f, b, "online"));
        aWs.send(Map.of("type", "canvas.join", "conversationId", canvas.toString()));
        aWs.awaitType("canvas.sync");
        bWs.send(Map.of("type", "canvas.join", "conversationId", canvas.toString()));
        aWs.await("b in the room", f -> f.path("type").asText().equals("canvas.joined"));
        bWs.send(Map.of("type", "presence", "id", "before", "status", "away", "text", "lunch"));
        bWs.await("ack", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("before"));
        aWs.await("b away", f -> isPresence(f, b, "away"));

        node.kill();
        if (loseStore) {
            node.wipe();
        }
        awaitReadiness(503, one, two);
        node.start();
        awaitReadiness(200, one, two);

        // presence chosen before the restart is still what friends see, and a new choice reaches them
        bWs.send(Map.of("type", "presence", "id", "after", "status", "dnd"));
        JsonNode reply = bWs.await(WAIT, "reply to presence", f -> "after".equals(f.path("id").asText()));
        assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("ack");
        aWs.await(WAIT, "b dnd after the restart", f -> isPresence(f, b, "dnd"));
        // a late session's snapshot reads the recreated bucket
        WsClient lateA = connectAsAClientWould(two, a);
        lateA.await(WAIT, "snapshot after the restart", f -> isPresence(f, b, "dnd"));

        aWs.send(Map.of("type", "typing", "conversationId", conversation.toString()));
        assertThat(bWs.await(WAIT, "typing after the restart", f -> f.path("type").asText().equals("typing"))
                .path("userId").asText()).isEqualTo(a.toString());
        aWs.send(Map.of("type", "send", "id", "m", "conversationId", conversation.toString(), "clientMsgId", "c1",
                "text", "still here"));
        aWs.await(WAIT, "ack of the send", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("m"));
        bWs.await(WAIT, "message after the restart", f -> f.path("message").path("text").asText().equals("still here"));

        stack.chat().notify(a, Map.of("kind", "friend.requested", "requestId", "r1", "fromUserId", b.toString()));
        aWs.await(WAIT, "notification after the restart", f -> f.path("type").asText().equals("notification"));
        bWs.send(Map.of("type", "canvas.leave", "conversationId", canvas.toString()));
        aWs.await(WAIT, "canvas.left after the restart", f -> f.path("type").asText().equals("canvas.left"));

        assertThat(presenceOf(aWs, b)).as("what a saw of b").containsExactly("online", "away", "dnd");
        assertThat(aWs.frames("canvas.left")).as("b stayed in the room across the restart").hasSize(1);
        for (WsClient c : List.of(aWs, bWs, lateA)) {
            c.close();
        }
    }

    private static WsClient connect(RunningService instance, UUID user) {
        WsClient client = WsClient.connect(instance.baseUrl(), stack.tokens().token(user));
        client.awaitType("hello");
        return client;
    }

    /**
     * Right after NATS is back the memberships request of a new session may still find no chat service (its
     * subscription is being re-established): the server then closes with 1013 "try again later", and a client
     * reconnects, as this does.
     */
    private static WsClient connectAsAClientWould(RunningService instance, UUID user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            WsClient client = WsClient.connect(instance.baseUrl(), stack.tokens().token(user));
            boolean[] hello = new boolean[1];
            Await.until(WAIT, "a hello frame or a close", () -> {
                hello[0] = !client.frames("hello").isEmpty();
                return hello[0] || client.isClosed();
            });
            if (hello[0]) {
                return client;
            }
            int code = client.awaitClose(WAIT);
            assertThat(code).as("close code of a session opened after the restart").isEqualTo(1013);
            assertThat(System.nanoTime()).as("reconnected within %s", WAIT).isLessThan(deadline);
        }
    }

    private static void awaitReadiness(int status, RunningService... instances) {
        for (RunningService instance : instances) {
            HttpTestClient http = new HttpTestClient(instance.baseUrl());
            Await.until(WAIT, "readiness " + status + " on " + instance.baseUrl(),
                    () -> http.get("/health/ready", null).status() == status);
        }
    }

    private static List<String> presenceOf(WsClient client, UUID user) {
        return client.frames("presence").stream().filter(f -> f.path("userId").asText().equals(user.toString()))
                .map(f -> f.path("status").asText()).toList();
    }

    private static boolean isPresence(JsonNode f, UUID user, String status) {
        return f.path("type").asText().equals("presence") && f.path("userId").asText().equals(user.toString())
               && f.path("status").asText().equals(status);
    }
}
