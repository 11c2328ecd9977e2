package dev.tangle.socket.session;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.id.Ids;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0123: a user's set-up outlives the last session by a short linger. A reconnect in that time needs no new
 * memberships request and still gets every message; after the linger the instance unsubscribes the user's
 * conversations, and the next session sets everything up again.
 */
class UserLingerIT {

    private static SocketStack stack;
    private static RunningService server;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        server = stack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aQuickReconnectReusesTheSetUpAndTheLingerEndsWithTheSubscriptions() {
        UUID user = Ids.newId();
        UUID other = Ids.newId();
        UUID conversation = stack.chat().createConversation("direct", user, other);
        HttpTestClient http = new HttpTestClient(server.baseUrl());

        WsClient first = connect(user);
        assertThat(stack.chat().membershipsServed(user)).isEqualTo(1);
        awaitSubscribed(http, 1);
        first.close();

        WsClient again = connect(user);
        again.send(Map.of("type", "resume", "id", "r1", "cursors", Map.of(conversation.toString(), 0)));
        again.awaitType("resumed");
        assertThat(stack.chat().membershipsServed(user)).as("no new set-up within the linger").isEqualTo(1);
        stack.chat().send(other, conversation, "while reconnected");
        again.await("the live message", f -> f.path("message").path("text").asText().equals("while reconnected"));
        again.close();

        awaitSubscribed(http, 0);

        WsClient later = connect(user);
        assertThat(stack.chat().membershipsServed(user)).as("a fresh set-up after the linger").isEqualTo(2);
        awaitSubscribed(http, 1);
        later.send(Map.of("type", "resume", "id", "r2", "cursors", Map.of(conversation.toString(), 1)));
        later.awaitType("resumed");
        stack.chat().send(other, conversation, "after the linger");
        later.await("the next live message", f -> f.path("message").path("text").asText().equals("after the linger"));
        assertThat(later.frames("message")).hasSize(1);
        later.close();
    }

    private static WsClient connect(UUID user) {
        WsClient client = WsClient.connect(server.baseUrl(), stack.tokens().token(user));
        client.awaitType("hello");
        return client;
    }

    private static void awaitSubscribed(HttpTestClient http, int conversations) {
        Await.until(Duration.ofSeconds(10), conversations + " conversation(s) subscribed", () ->
                http.get("/metrics", null).text().contains("tangle_socket_conversations_subscribed " + conversations + ".0"));
    }
}
