package dev.tangle.api.social;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The events of social-graph changes on the TANGLE_EVENTS stream, once each, and the friends NATS service. */
class SocialEventsIT {

    private static ApiTestServer api;
    private static HttpTestClient http;
    private static Connection nats;
    private static final List<JsonNode> EVENTS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SUBJECTS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        api = ApiTestServer.start();
        http = api.http();
        nats = Nats.connect(api.env().get("TANGLE_NATS_URL"));
        var dispatcher = nats.createDispatcher();
        nats.jetStream().subscribe("tangle.evt.>", dispatcher, msg -> {
            JsonNode event = Json.tree(msg.getData());
            synchronized (SUBJECTS) {
                SUBJECTS.add(msg.getSubject());
                EVENTS.add(event);
            }
        }, false, PushSubscribeOptions.builder().ordered(true).build());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        nats.close();
        api.close();
    }

    @Test
    void friendRequestAcceptAndBlockEmitEachEventOnce() {
        TestUser a = api.register("evt_a");
        TestUser b = api.register("evt_b");
        String requestId = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json()
                .get("id").asText();
        assertThat(http.post("/v1/friends/requests/" + requestId + "/accept", "{}", b.accessToken()).status()).isEqualTo(200);
        assertThat(http.post("/v1/blocks", Map.of("userId", b.id().toString()), a.accessToken()).status()).isEqualTo(204);
        assertThat(http.post("/v1/blocks", Map.of("userId", b.id().toString()), a.accessToken()).status())
                .as("blocking again changes nothing").isEqualTo(204);

        List<String> expected = List.of(
                "tangle.evt.user." + a.id() + ".created",
                "tangle.evt.user." + b.id() + ".created",
                "tangle.evt.user." + b.id() + ".notification",
                "tangle.evt.user." + a.id() + ".friend.added",
                "tangle.evt.user." + b.id() + ".friend.added",
                "tangle.evt.user." + a.id() + ".notification",
                "tangle.evt.user." + a.id() + ".friend.removed",
                "tangle.evt.user." + b.id() + ".friend.removed",
                "tangle.evt.user." + a.id() + ".block.added");
        List<String> seen = awaitSubjects(List.of(a.id(), b.id()), expected.size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);

        JsonNode requested = data("tangle.evt.user." + b.id() + ".notification");
        assertThat(requested.get("kind").asText()).isEqualTo("friend.requested");
        assertThat(requested.get("requestId").asText()).isEqualTo(requestId);
        assertThat(requested.get("fromUserId").asText()).isEqualTo(a.id().toString());
        JsonNode accepted = data("tangle.evt.user." + a.id() + ".notification");
        assertThat(accepted.get("kind").asText()).isEqualTo("friend.accepted");
        assertThat(accepted.get("userId").asText()).isEqualTo(b.id().toString());
        assertThat(data("tangle.evt.user." + a.id() + ".friend.added").get("friendId").asText()).isEqualTo(b.id().toString());
        JsonNode block = data("tangle.evt.user." + a.id() + ".block.added");
        assertThat(block.get("blockerId").asText()).isEqualTo(a.id().toString());
        assertThat(block.get("blockedId").asText()).isEqualTo(b.id().toString());
        JsonNode envelope = envelope("tangle.evt.user." + a.id() + ".block.added");
        assertThat(envelope.get("type").asText()).isEqualTo("tangle.user.block.added");
        assertThat(envelope.get("subject").asText()).isEqualTo(a.id().toString());
    }

    @Test
    void everyMembershipChangeEmitsAMemberEvent() {
        TestUser owner = api.register("g_owner");
        TestUser added = api.register("g_added");
        TestUser joiner = api.register("g_joiner");
        String group = http.post("/v1/groups", Map.of("name", "Chess", "visibility", "public"), owner.accessToken()).json()
                .get("id").asText();
        String members = "/v1/groups/" + group + "/members";
        assertThat(http.post(members, Map.of("userId", added.id().toString()), owner.accessToken()).status()).isEqualTo(201);
        assertThat(http.post("/v1/groups/" + group + "/join", "{}", joiner.accessToken()).status()).isEqualTo(200);
        assertThat(http.patch(members + "/" + added.id(), Map.of("role", "admin"), owner.accessToken()).status()).isEqualTo(200);
        assertThat(http.delete(members + "/" + joiner.id(), added.accessToken()).status()).isEqualTo(204);
        assertThat(http.delete(members + "/" + added.id(), added.accessToken()).status()).isEqualTo(204);

        String prefix = "tangle.evt.group." + group + ".";
        Await.until(Duration.ofSeconds(10), "group events", () -> groupEvents(prefix).size() >= 7);
        assertThat(groupEvents(prefix)).containsExactly("created", "member.added", "member.added", "member.added",
                "member.role_changed", "member.removed", "member.removed");
        List<JsonNode> removed = dataOf(prefix + "member.removed");
        assertThat(removed.get(0).get("userId").asText()).isEqualTo(joiner.id().toString());
        assertThat(removed.get(0).get("reason").asText()).isEqualTo("kicked");
        assertThat(removed.get(1).get("reason").asText()).isEqualTo("left");
        assertThat(removed.get(1).get("role").asText()).isEqualTo("admin");
        JsonNode roleChanged = dataOf(prefix + "member.role_changed").getFirst();
        assertThat(roleChanged.get("previousRole").asText()).isEqualTo("member");
        assertThat(roleChanged.get("role").asText()).isEqualTo("admin");
        Await.until(Duration.ofSeconds(10), "group.added notification", () -> dataOf("tangle.evt.user." + added.id() + ".notification")
                .stream().anyMatch(d -> d.get("kind").asText().equals("group.added") && d.get("groupId").asText().equals(group)));
    }

    @Test
    void friendsServiceAnswersOverNats() throws Exception {
        TestUser a = api.register("svc_a");
        TestUser b = api.register("svc_b");
        String requestId = http.post("/v1/friends/requests", Map.of("userId", b.id().toString()), a.accessToken()).json()
                .get("id").asText();
        http.post("/v1/friends/requests/" + requestId + "/accept", "{}", b.accessToken());

        var reply = nats.request("tangle.svc.social.friends",
                ("{\"userId\":\"" + a.id() + "\"}").getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        JsonNode body = dev.tangle.api.support.ServiceReplies.normalized(reply);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("friendIds")).hasSize(1);
        assertThat(body.get("friendIds").get(0).asText()).isEqualTo(b.id().toString());

        JsonNode bad = dev.tangle.api.support.ServiceReplies.normalized(nats.request("tangle.svc.social.friends",
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
        assertThat(bad.get("ok").asBoolean()).isFalse();
        assertThat(bad.get("error").get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("error").get("code").asText()).isEqualTo("validation_failed");
    }

    /** {@code nats micro ls}: the discovery requests ({@code $SRV.INFO}) list chat and social with every operation. */
    @Test
    void discoveryListsTheChatAndSocialServicesWithEveryContractOperation() {
        var infos = new io.nats.service.Discovery(nats, 2000, 10).info();
        java.util.Map<String, java.util.Set<String>> subjects = new java.util.HashMap<>();
        for (var info : infos) {
            for (var endpoint : info.getEndpoints()) {
                assertThat(endpoint.getQueueGroup()).isEqualTo("api-server");
                subjects.computeIfAbsent(info.getName(), n -> new java.util.HashSet<>()).add(endpoint.getSubject());
            }
        }
        assertThat(subjects.get(dev.tangle.common.contract.chat.ChatContract.SERVICE_NAME)).containsExactlyInAnyOrderElementsOf(
                dev.tangle.common.contract.chat.ChatContract.OPERATIONS.stream().map(o -> o.subject()).toList());
        assertThat(subjects.get(dev.tangle.common.contract.social.SocialContract.SERVICE_NAME)).containsExactly(
                "tangle.svc.social.friends");
    }

    private static List<String> awaitSubjects(List<UUID> users, int count) {
        Await.until(Duration.ofSeconds(10), count + " events", () -> ofUsers(users).size() >= count);
        // give a duplicate publication the time to show up
        long settle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        Await.until(Duration.ofSeconds(3), "settling", () -> System.nanoTime() > settle);
        return ofUsers(users);
    }

    private static List<String> ofUsers(List<UUID> users) {
        synchronized (SUBJECTS) {
            return SUBJECTS.stream().filter(s -> users.stream().anyMatch(u -> s.startsWith("tangle.evt.user." + u + "."))).toList();
        }
    }

    private static List<String> groupEvents(String prefix) {
        synchronized (SUBJECTS) {
            return SUBJECTS.stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length())).toList();
        }
    }

    private static JsonNode envelope(String subject) {
        synchronized (SUBJECTS) {
            return EVENTS.get(SUBJECTS.indexOf(subject));
        }
    }

    private static JsonNode data(String subject) {
        return envelope(subject).get("data");
    }

    private static List<JsonNode> dataOf(String subject) {
        synchronized (SUBJECTS) {
            List<JsonNode> result = new ArrayList<>();
            for (int i = 0; i < SUBJECTS.size(); i++) {
                if (SUBJECTS.get(i).equals(subject)) {
                    result.add(EVENTS.get(i).get("data"));
                }
            }
            return result;
        }
    }
}
