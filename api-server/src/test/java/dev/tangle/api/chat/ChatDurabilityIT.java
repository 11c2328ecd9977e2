package dev.tangle.api.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.StreamInfoOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency across an api-server restart, and events that survive NATS being away. */
class ChatDurabilityIT {

    private static NatsServerProcess nats;
    private static ApiTestServer api;
    private static ChatFixtures chat;

    @BeforeAll
    static void start() {
        nats = NatsServerProcess.start();
        api = ApiTestServer.start(Map.of("TANGLE_NATS_URL", nats.url()));
        chat = new ChatFixtures(api);
    }

    @AfterAll
    static void stop() {
        api.close();
        nats.stop();
    }

    @Test
    void aSendRetriedAfterAnApiServerRestartYieldsOneRow() {
        TestUser a = api.register("rst");
        UUID conv = chat.createGroupConversation(a);
        ApiTestServer first = api.startAnother();
        var original = first.http().post("/v1/conversations/" + conv + "/messages",
                Map.of("clientMsgId", "survives-restart", "text", "hello"), a.accessToken());
        assertThat(original.status()).isEqualTo(201);
        first.close();
        ApiTestServer restarted = api.startAnother();
        try {
            var retry = restarted.http().post("/v1/conversations/" + conv + "/messages",
                    Map.of("clientMsgId", "survives-restart", "text", "hello"), a.accessToken());
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.json().get("id")).isEqualTo(original.json().get("id"));
        } finally {
            restarted.close();
        }
        assertThat(chat.longs("SELECT count(*) FROM messages WHERE sender_id = ? AND client_msg_id = 'survives-restart'", a.id()))
                .containsExactly(1L);
    }

    @Test
    void withNatsStoppedSendsSucceedAndEveryMessageIsPublishedOnceWhenItReturns() throws Exception {
        TestUser a = api.register("nonats");
        UUID conv = chat.createGroupConversation(a);
        String subject = "tangle.evt.chat." + conv + ".message.created";
        nats.stop();
        Set<String> sent = new HashSet<>();
        Map<String, Long> seqOf = new HashMap<>();
        try {
            for (int i = 0; i < 25; i++) {
                JsonNode message = chat.send(a, conv, "while NATS is down " + i);
                sent.add(message.get("id").asText());
                seqOf.put(message.get("id").asText(), message.get("seq").asLong());
            }
        } finally {
            nats.restart();
        }
        try (Connection nc = Nats.connect(nats.url())) {
            var jsm = nc.jetStreamManagement();
            Await.until(Duration.ofSeconds(30), "all 25 messages on the stream", () -> count(jsm, subject) >= 25);
            // a relay pass later, still exactly 25
            Await.until(Duration.ofSeconds(10), "outbox drained",
                    () -> chat.longs("SELECT count(*) FROM outbox").getFirst() == 0);
            assertThat(count(jsm, subject)).isEqualTo(25);
            List<String> ids = new ArrayList<>();
            JetStreamSubscription sub = nc.jetStream().subscribe(subject, PushSubscribeOptions.builder().ordered(true).build());
            for (int i = 0; i < 25; i++) {
                var msg = sub.nextMessage(Duration.ofSeconds(5));
                assertThat(msg).isNotNull();
                JsonNode event = Json.tree(msg.getData());
                assertThat(msg.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(event.get("id").asText());
                assertThat(event.get("type").asText()).isEqualTo("tangle.chat.message.created");
                JsonNode message = event.get("data").get("message");
                ids.add(message.get("id").asText());
                // the event carries the seq the sender was answered with, text and all exactly as stored
                assertThat(message.get("seq").asLong()).isEqualTo(seqOf.get(message.get("id").asText()));
                assertThat(message.get("text").asText()).startsWith("while NATS is down ");
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).isEqualTo(sent);
        }
    }

    private static long count(io.nats.client.JetStreamManagement jsm, String subject) {
        try {
            var info = jsm.getStreamInfo(Streams.EVENTS, StreamInfoOptions.filterSubjects(subject));
            return info.getStreamState().getSubjects().stream().filter(s -> s.getName().equals(subject))
                    .mapToLong(s -> s.getCount()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
