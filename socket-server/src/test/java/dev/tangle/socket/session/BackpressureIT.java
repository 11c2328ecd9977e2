package dev.tangle.socket.session;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that stops reading is closed with 4009 while the others keep receiving. */
class BackpressureIT {

    private static SocketStack stack;
    private static RunningService server;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        server = stack.start(Map.of("TANGLE_WS_WRITE_TIMEOUT", "20s"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void clientThatStopsReadingIsClosedWith4009AndOthersKeepReceiving() {
        UUID slowUser = Ids.newId();
        UUID fastUser = Ids.newId();
        UUID sender = Ids.newId();
        UUID conversation = stack.chat().createConversation("group", slowUser, fastUser, sender);
        WsClient slow = WsClient.connect(server.baseUrl(), stack.tokens().token(slowUser));
        WsClient fast = WsClient.connect(server.baseUrl(), stack.tokens().token(fastUser));
        slow.awaitType("hello");
        fast.awaitType("hello");
        slow.pause();
        String text = "x".repeat(4000);
        int messages = 4000;
        for (int i = 0; i < messages; i++) {
            stack.chat().send(sender, conversation, text + i);
            java.util.concurrent.locks.LockSupport.parkNanos(500_000); // a steady flow a reading client keeps up with
        }
        Await.until(Duration.ofSeconds(60), "the reading client to get every message", () -> {
            assertThat(fast.isClosed()).as("the reading client stays connected").isFalse();
            return fast.frames("message").size() == messages;
        });
        HttpTestClient http = new HttpTestClient(server.baseUrl());
        Await.until(Duration.ofSeconds(10), "a slow consumer disconnect", () ->
                http.get("/metrics", null).text().contains("tangle_socket_slow_consumer_disconnects_total 1.0"));
        slow.unpause();
        assertThat(slow.awaitClose(Duration.ofSeconds(20))).isEqualTo(4009);
        assertThat(slow.frames("message").size()).isLessThan(messages);
        assertThat(fast.isClosed()).isFalse();
        fast.close();
    }
}
