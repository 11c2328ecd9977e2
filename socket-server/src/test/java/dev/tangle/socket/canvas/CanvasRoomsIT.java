package dev.tangle.socket.canvas;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canvas rooms with the two users on different socket-server instances, one of them its own JVM (issue 12
 * item 7): the joiner's canvas.sync lists who is already there, joins and leaves reach the other instance, a
 * member of an instance that dies is gone within the canvas timeout, and an instance started after others
 * joined knows them at once.
 */
class CanvasRoomsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SocketStack stack;
    private static RunningService one;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        one = stack.start(Map.of("TANGLE_WS_CANVAS_TIMEOUT", "3s"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void syncJoinLeaveAndDeathAcrossInstances() throws Exception {
        SocketStack.ProcessInstance two = stack.startProcess(Map.of("TANGLE_WS_CANVAS_TIMEOUT", "3s"));
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID canvas = stack.chat().createConversation("canvas", a, b);
        WsClient aWs = connect(one.baseUrl(), a);
        WsClient bWs = connect(two.baseUrl(), b);

        join(aWs, canvas);
        assertThat(users(aWs.awaitType("canvas.sync"))).containsExactly(a.toString());
        join(bWs, canvas);
        assertThat(users(bWs.awaitType("canvas.sync"))).containsExactlyInAnyOrder(a.toString(), b.toString());
        aWs.await("b joined, on the other instance", f -> isCanvas(f, "canvas.joined", b));

        bWs.send(Map.of("type", "canvas.leave", "conversationId", canvas.toString()));
        aWs.await("b left, on the other instance", f -> isCanvas(f, "canvas.left", b));
        join(bWs, canvas);
        aWs.await("b joined again", f -> aWs.frames("canvas.joined").size() == 2);
        aWs.send(Map.of("type", "canvas.leave", "conversationId", canvas.toString()));
        bWs.await("a left, on the other instance", f -> isCanvas(f, "canvas.left", a));
        join(aWs, canvas);
        JsonNode again = aWs.await("a's second sync", f -> aWs.frames("canvas.sync").size() == 2);
        assertThat(users(aWs.frames("canvas.sync").get(1))).as("sync %s", again)
                .containsExactlyInAnyOrder(a.toString(), b.toString());
        bWs.await("a joined again", f -> isCanvas(f, "canvas.joined", a));

        long killed = System.nanoTime();
        two.kill();
        aWs.await(WAIT, "b gone with its instance", f -> isCanvas(f, "canvas.left", b) && aWs.frames("canvas.left").size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(3 + 3));
        aWs.close();
    }

    @Test
    void anInstanceStartedLaterKnowsTheRoomAtOnce() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID canvas = stack.chat().createConversation("canvas", a, b);
        // heartbeat 25 s: the late instance cannot learn a from the periodic re-announcement within this test
        RunningService early = stack.start(Map.of("TANGLE_WS_HEARTBEAT", "25s"));
        WsClient aWs = connect(early.baseUrl(), a);
        join(aWs, canvas);
        aWs.awaitType("canvas.sync");

        RunningService late = stack.start(Map.of("TANGLE_WS_HEARTBEAT", "25s"));
        WsClient bWs = connect(late.baseUrl(), b);
        join(bWs, canvas);
        Set<String> seen = new LinkedHashSet<>(users(bWs.awaitType("canvas.sync")));
        bWs.frames("canvas.joined").forEach(f -> seen.add(f.path("userId").asText()));
        assertThat(seen).containsExactlyInAnyOrder(a.toString(), b.toString());
        aWs.await("b joined", f -> isCanvas(f, "canvas.joined", b));
        bWs.close();
        aWs.await("b left on disconnect", f -> isCanvas(f, "canvas.left", b));
        aWs.close();
    }

    private static WsClient connect(String baseUrl, UUID user) {
        WsClient client = WsClient.connect(baseUrl, stack.tokens().token(user));
        client.awaitType("hello");
        return client;
    }

    private static void join(WsClient client, UUID canvas) {
        client.send(Map.of("type", "canvas.join", "conversationId", canvas.toString()));
    }

    private static java.util.List<String> users(JsonNode sync) {
        java.util.List<String> users = new java.util.ArrayList<>();
        sync.path("users").forEach(u -> users.add(u.asText()));
        return users;
    }

    private static boolean isCanvas(JsonNode f, String type, UUID user) {
        return f.path("type").asText().equals(type) && f.path("userId").asText().equals(user.toString());
    }
}
