package dev.tangle.api.contract;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.EventSchemas;
import dev.tangle.common.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are checked against docs/events/*.schema.json while any api-server of the tests runs (ApiTestServer); this
 * shows the check sees them and that it catches an event that breaks its schema.
 */
class EventSchemasIT {

    private static ApiTestServer api;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void publishedEventsAreCheckedAgainstTheirSchemas() {
        TestUser a = api.register("evs_a");
        TestUser b = api.register("evs_b");
        var conv = api.http().post("/v1/conversations", Map.of("kind", "direct", "userId", b.id().toString()), a.accessToken());
        assertThat(conv.status()).isEqualTo(201);
        String id = conv.json().path("id").asText();
        assertThat(api.http().post("/v1/conversations/" + id + "/messages", Map.of("clientMsgId", "e1", "text", "hi"),
                a.accessToken()).status()).isEqualTo(201);
        Await.until(Duration.ofSeconds(10), "the events to be checked", () -> api.events().seen().keySet().containsAll(
                java.util.List.of("tangle.user.created", "tangle.chat.conversation.created", "tangle.user.conversation.added",
                        "tangle.chat.message.created")));
        assertThat(api.events().violations()).isEmpty();
    }

    @Test
    void anEventThatBreaksItsSchemaIsCaught() {
        EventSchemas schemas = EventSchemas.ofRepository();
        JsonNode good = Json.MAPPER.valueToTree(dev.tangle.common.event.Event.of("api-server", "chat",
                java.util.UUID.randomUUID(), "member.added",
                new dev.tangle.common.contract.chat.ChatEventData.MemberEvent(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())));
        assertThat(schemas.violations(good)).isEmpty();
        var missingField = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) missingField.path("data")).remove("userId");
        assertThat(schemas.violations(missingField)).anySatisfy(v -> assertThat(v).contains("userId"));
        var unknownType = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownType).put("type", "tangle.chat.nonsense");
        assertThat(schemas.violations(unknownType)).anySatisfy(v -> assertThat(v).contains("no schema"));
        assertThat(schemas.types()).contains("tangle.chat.message.created", "tangle.user.notification", "tangle.post.created");
    }
}
