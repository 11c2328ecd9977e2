package dev.tangle.socket.fanout;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.id.Ids;
import dev.tangle.common.test.Await;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.socket.support.SocketStack;
import dev.tangle.socket.support.WsClient;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two socket-server instances on real NATS: delivery, membership changes, typing, read, presence, canvas, revocation. */
class CrossInstanceIT {

    private static SocketStack stack;
    private static RunningService one;
    private static RunningService two;

    @BeforeAll
    static void start() {
        stack = new SocketStack();
        one = stack.start(Map.of());
        two = stack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static WsClient connect(RunningService instance, UUID user) {
        WsClient client = WsClient.connect(instance.baseUrl(), stack.tokens().token(user));
        client.awaitType("hello");
        return client;
    }

    @Test
    void socketSendOnOneInstanceReachesTheOtherAndRestSendReachesBoth() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID conversation = stack.chat().createConversation("direct", a, b);
        WsClient onOne = connect(one, a);
        WsClient onTwo = connect(two, b);

        onOne.send(Map.of("type", "send", "id", "m1", "conversationId", conversation.toString(), "clientMsgId", "c-1", "text", "hello B"));
        JsonNode ack = onOne.await("ack", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("m1"));
        assertThat(ack.path("message").path("seq").asLong()).isEqualTo(1);
        JsonNode atB = onTwo.await("message at B", f -> f.path("type").asText().equals("message"));
        assertThat(atB.path("event").asText()).isEqualTo("created");
        assertThat(atB.path("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(atB.path("message").path("text").asText()).isEqualTo("hello B");

        stack.chat().send(b, conversation, "via REST");
        for (WsClient c : new WsClient[] {onOne, onTwo}) {
            c.await("REST message", f -> f.path("message").path("text").asText().equals("via REST"));
        }
        Await.until(Duration.ofSeconds(2), "each side to hold exactly two messages", () ->
                onOne.frames("message").size() == 2 && onTwo.frames("message").size() == 2);
        onOne.close();
        onTwo.close();
    }

    @Test
    void addedMemberStartsAndRemovedMemberStopsReceivingAtOnce() {
        UUID owner = Ids.newId();
        UUID joiner = Ids.newId();
        UUID conversation = stack.chat().createConversation("group", owner);
        WsClient ownerWs = connect(one, owner);
        WsClient joinerWs = connect(two, joiner);

        stack.chat().addMember(conversation, joiner);
        JsonNode added = joinerWs.await("conversation added", f -> f.path("type").asText().equals("conversation"));
        assertThat(added.path("event").asText()).isEqualTo("added");
        stack.chat().send(owner, conversation, "welcome");
        joinerWs.await("message after being added", f -> f.path("message").path("text").asText().equals("welcome"));

        stack.chat().removeMember(conversation, joiner);
        stack.chat().send(owner, conversation, "after removal");
        ownerWs.await("owner still receives", f -> f.path("message").path("text").asText().equals("after removal"));
        joinerWs.await("conversation removed", f -> f.path("type").asText().equals("conversation")
                                                  && f.path("event").asText().equals("removed"));
        stack.chat().send(owner, conversation, "later");
        ownerWs.await("owner receives later", f -> f.path("message").path("text").asText().equals("later"));
        assertThat(joinerWs.frames("message")).extracting(f -> f.path("message").path("text").asText()).containsExactly("welcome");

        joinerWs.send(Map.of("type", "typing", "id", "t", "conversationId", conversation.toString()));
        assertThat(joinerWs.await("not a member any more", f -> f.path("id").asText().equals("t")).path("code").asText())
                .isEqualTo("not_found");
        ownerWs.close();
        joinerWs.close();
    }

    @Test
    void typingGoesToOthersOnlyAndReadReceiptsToMembers() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID conversation = stack.chat().createConversation("direct", a, b);
        WsClient aWs = connect(one, a);
        WsClient bWs = connect(two, b);
        aWs.send(Map.of("type", "typing", "conversationId", conversation.toString()));
        aWs.send(Map.of("type", "typing", "conversationId", conversation.toString()));
        JsonNode typing = bWs.await("typing", f -> f.path("type").asText().equals("typing"));
        assertThat(typing.path("userId").asText()).isEqualTo(a.toString());

        stack.chat().send(a, conversation, "read me");
        bWs.send(Map.of("type", "read", "id", "r", "conversationId", conversation.toString(), "seq", 1));
        bWs.await("ack of read", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("r"));
        JsonNode receipt = aWs.await("read receipt", f -> f.path("type").asText().equals("read"));
        assertThat(receipt.path("userId").asText()).isEqualTo(b.toString());
        assertThat(receipt.path("seq").asLong()).isEqualTo(1);
        assertThat(aWs.frames("typing")).isEmpty();
        assertThat(bWs.frames("typing")).hasSize(1); // the second was within the typing interval
        aWs.close();
        bWs.close();
    }

    @Test
    void friendsSeePresenceSnapshotChangesInvisibleAsOfflineAndNothingAfterABlock() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        stack.chat().befriend(a, b);
        WsClient aWs = connect(one, a);
        WsClient bWs = connect(two, b);
        assertThat(aWs.await("b online", f -> isPresence(f, b, "online"))).isNotNull();
        bWs.send(Map.of("type", "presence", "status", "dnd", "text", "focus", "expiresAt", "2099-01-01T00:00:00Z"));
        assertThat(aWs.await("b dnd", f -> isPresence(f, b, "dnd")).path("text").asText()).isEqualTo("focus");
        bWs.send(Map.of("type", "presence", "status", "invisible"));
        aWs.await("b invisible = offline", f -> isPresence(f, b, "offline"));
        bWs.send(Map.of("type", "presence", "status", "online"));
        aWs.await("b back online", f -> aWs.frames("presence").getLast().path("status").asText().equals("online"));
        WsClient lateA = connect(two, a);
        lateA.await("snapshot after hello", f -> isPresence(f, b, "online"));

        bWs.close();
        Await.until(Duration.ofSeconds(5), "b offline after the last session", () ->
                aWs.frames("presence").getLast().path("status").asText().equals("offline"));
        WsClient bAgain = connect(one, b);
        aWs.await("b online again", f -> aWs.frames("presence").getLast().path("status").asText().equals("online"));
        stack.chat().block(a, b);
        aWs.await("b hidden after block", f -> aWs.frames("presence").getLast().path("status").asText().equals("offline"));
        int before = aWs.frames("presence").size();
        bAgain.send(Map.of("type", "presence", "status", "away"));
        bAgain.send(Map.of("type", "ping", "id", "sync"));
        bAgain.await("pong", f -> f.path("id").asText().equals("sync"));
        WsClient probe = connect(one, a);
        probe.send(Map.of("type", "ping", "id", "sync"));
        probe.await("pong", f -> f.path("id").asText().equals("sync"));
        assertThat(aWs.frames("presence")).hasSize(before);
        assertThat(probe.frames("presence")).isEmpty();
        for (WsClient c : new WsClient[] {aWs, lateA, bAgain, probe}) {
            c.close();
        }
    }

    @Test
    void aUserOnBothInstancesStaysOnlineUntilTheLastSessionOfEitherEnds() throws Exception {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        stack.chat().befriend(a, b);
        WsClient aWs = connect(one, a);
        Connection admin = Nats.connect(TestInfra.nats().url());
        KeyValue presence = admin.keyValue(Streams.PRESENCE_BUCKET);
        // each instance writes b's entry with the revision it last wrote itself: the other's writes must win
        // through a conflict and a fresh read, never be overwritten
        for (int round = 0; round < 3; round++) {
            WsClient onOne = connect(one, b);
            WsClient onTwo = connect(two, b);
            aWs.await("b online", f -> aWs.frames("presence").getLast().path("status").asText().equals("online"));
            Await.until(Duration.ofSeconds(5), "b's entry names both instances", () -> instancesOf(presence, b) == 2);
            onOne.close();
            Await.until(Duration.ofSeconds(5), "b's entry names one instance", () -> instancesOf(presence, b) == 1);
            WsClient probe = connect(two, a);
            probe.await("b still online after one of two instances", f -> isPresence(f, b, "online"));
            probe.close();
            onTwo.close();
            Await.until(Duration.ofSeconds(5), "b offline after the last session", () ->
                    aWs.frames("presence").getLast().path("status").asText().equals("offline"));
            assertThat(instancesOf(presence, b)).isZero();
        }
        assertThat(aWs.frames("presence")).extracting(f -> f.path("status").asText())
                .containsExactly("online", "offline", "online", "offline", "online", "offline");
        aWs.close();
        admin.close();
    }

    private static int instancesOf(KeyValue presence, UUID user) {
        try {
            KeyValueEntry entry = presence.get("u." + user);
            return entry == null || entry.getValue() == null ? 0 : Json.tree(entry.getValue()).path("instances").size();
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void canvasRoomsSyncJoinAndLeaveAcrossInstances() {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID canvas = stack.chat().createConversation("canvas", a, b);
        WsClient aWs = connect(one, a);
        WsClient bWs = connect(two, b);
        aWs.send(Map.of("type", "canvas.join", "conversationId", canvas.toString()));
        JsonNode syncA = aWs.awaitType("canvas.sync");
        assertThat(syncA.path("users").toString()).contains(a.toString());
        Await.until(Duration.ofSeconds(5), "instance two to learn a's presence in the room", () -> {
            bWs.send(Map.of("type", "canvas.join", "conversationId", canvas.toString()));
            return bWs.frames("canvas.sync").stream().anyMatch(f -> f.path("users").toString().contains(a.toString()));
        });
        aWs.await("b joined", f -> f.path("type").asText().equals("canvas.joined") && f.path("userId").asText().equals(b.toString()));
        bWs.close();
        aWs.await("b left on disconnect", f -> f.path("type").asText().equals("canvas.left") && f.path("userId").asText().equals(b.toString()));
        aWs.close();
    }

    @Test
    void revokedTokensAndExpiredTokensClose4001AndFreshTokenKeepsTheSession() {
        UUID a = Ids.newId();
        WsClient first = connect(one, a);
        WsClient second = connect(two, a);
        stack.chat().revokeTokens(a);
        assertThat(first.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
        assertThat(second.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);

        UUID b = Ids.newId();
        WsClient expiring = WsClient.connect(one.baseUrl(), stack.tokens().token(b, Duration.ofSeconds(2)));
        WsClient refreshed = WsClient.connect(one.baseUrl(), stack.tokens().token(b, Duration.ofSeconds(2)));
        refreshed.send(Map.of("type", "auth", "id", "a1", "token", stack.tokens().token(b)));
        refreshed.await("auth ack", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("a1"));
        assertThat(expiring.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
        assertThat(refreshed.isClosed()).isFalse();
        refreshed.close();
    }

    @Test
    void notificationsArePushed() {
        UUID a = Ids.newId();
        WsClient ws = connect(two, a);
        stack.chat().notify(a, Map.of("kind", "friend.requested", "requestId", "r1", "fromUserId", "u1"));
        JsonNode n = ws.await("notification", f -> f.path("type").asText().equals("notification"));
        assertThat(n.path("kind").asText()).isEqualTo("friend.requested");
        assertThat(n.path("requestId").asText()).isEqualTo("r1");
        ws.close();
    }

    @Test
    void metricsCountSessionsFramesAndLatency() {
        String metrics = new HttpTestClient(one.baseUrl()).get("/metrics", null).text();
        assertThat(metrics).contains("tangle_socket_sessions_open").contains("tangle_socket_frames_in_total{type=\"send\"}")
                .contains("tangle_socket_frames_out_total{type=\"message\"}").contains("tangle_socket_delivery_latency_seconds_bucket");
    }

    private static boolean isPresence(JsonNode f, UUID user, String status) {
        return f.path("type").asText().equals("presence") && f.path("userId").asText().equals(user.toString())
               && f.path("status").asText().equals(status);
    }
}
