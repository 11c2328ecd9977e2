package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.socket.support.NatsNode;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0158: a resume whose cursor is at the conversation's head, as this instance knows it, asks api-server for no
 * history; a cursor behind it still gets every message it lacks, and after a NATS restart the heads are forgotten
 * until history is read again. On a NATS of its own, so that it can restart it.
 */
class ResumeFromHeadIT {

    private static NatsNode node;
    private static SocketStack stack;
    private static RunningService server;

    @BeforeAll
    static void start() {
        node = new NatsNode();
        stack = new SocketStack(node.url());
        server = stack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
        node.close();
    }

    @Test
    void aCursorAtTheHeadNeedsNoHistoryAndOneBehindItGetsWhatItLacks() {
        UUID user = Ids.newId();
        UUID other = Ids.newId();
        UUID conversation = stack.chat().createConversation("direct", user, other);
        stack.chat().send(other, conversation, "before anyone connected");

        WsClient first = connect(user);
        resume(first, conversation, 0);
        assertThat(first.frames("message")).as("history after cursor 0").hasSize(1);
        assertThat(stack.chat().historyServed(user)).as("the first resume reads history").isEqualTo(1);

        stack.chat().send(other, conversation, "live");
        first.await("the live message", f -> text(f).equals("live"));

        WsClient atHead = connect(user);
        JsonNode resumed = resume(atHead, conversation, 2);
        assertThat(resumed.path("delivered").asInt()).isZero();
        assertThat(stack.chat().historyServed(user)).as("a cursor at the head reads no history").isEqualTo(1);
        stack.chat().send(other, conversation, "after the resume");
        atHead.await("the next live message", f -> text(f).equals("after the resume"));

        WsClient behind = connect(user);
        resume(behind, conversation, 1);
        assertThat(behind.frames("message")).extracting(ResumeFromHeadIT::text).containsExactly("live", "after the resume");
        assertThat(stack.chat().historyServed(user)).as("a cursor behind the head reads history").isEqualTo(2);

        node.kill();
        awaitReady(503);
        node.start();
        awaitReady(200);
        WsClient afterRestart = connect(user);
        resume(afterRestart, conversation, 3);
        assertThat(stack.chat().historyServed(user)).as("after a NATS restart the head is not trusted").isEqualTo(3);
        WsClient again = connect(user);
        resume(again, conversation, 3);
        assertThat(stack.chat().historyServed(user)).as("the read after the restart taught it again").isEqualTo(3);
        stack.chat().send(other, conversation, "after the restart");
        again.await(Duration.ofSeconds(20), "a live message after the restart", f -> text(f).equals("after the restart"));

        for (WsClient c : new WsClient[] {first, atHead, behind, afterRestart, again}) {
            c.close();
        }
    }

    private static JsonNode resume(WsClient client, UUID conversation, long cursor) {
        String id = "r" + cursor;
        client.send(Map.of("type", "resume", "id", id, "cursors", Map.of(conversation.toString(), cursor)));
        return client.await(Duration.ofSeconds(20), "resumed", f -> f.path("type").asText().equals("resumed")
                && f.path("id").asText().equals(id));
    }

    private static WsClient connect(UUID user) {
        WsClient client = WsClient.connect(server.baseUrl(), stack.tokens().token(user));
        client.awaitType("hello");
        return client;
    }

    private static String text(JsonNode frame) {
        return frame.path("message").path("text").asText();
    }

    private static void awaitReady(int status) {
        HttpTestClient http = new HttpTestClient(server.baseUrl());
        Await.until(Duration.ofSeconds(20), "readiness " + status, () -> http.get("/health/ready", null).status() == status);
    }
}
