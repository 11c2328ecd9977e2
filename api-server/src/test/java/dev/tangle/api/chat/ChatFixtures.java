package dev.tangle.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.ServiceReplies;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.HttpTestClient;
import io.nats.client.Nats;

/**
 * Chat test helpers: REST shortcuts, and direct SQL for what identity's endpoints will do (blocks, groups),
 * so chat tests do not depend on them.
 */
final class ChatFixtures {

    private final ApiTestServer api;

    ChatFixtures(ApiTestServer api) {
        this.api = api;
    }

    HttpTestClient http() {
        return api.http();
    }

    UUID createGroupConversation(TestUser creator, TestUser... members) {
        List<String> ids = new ArrayList<>();
        for (TestUser m : members) {
            ids.add(m.id().toString());
        }
        var res = http().post("/v1/conversations", Map.of("kind", "group", "title", "t", "memberIds", ids), creator.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return UUID.fromString(res.json().get("id").asText());
    }

    UUID createDirect(TestUser a, TestUser b) {
        var res = http().post("/v1/conversations", Map.of("kind", "direct", "userId", b.id().toString()), a.accessToken());
        assertThat(res.status()).as(res.toString()).isIn(200, 201);
        return UUID.fromString(res.json().get("id").asText());
    }

    JsonNode send(TestUser sender, UUID conversationId, String text) {
        var res = http().post("/v1/conversations/" + conversationId + "/messages",
                Map.of("clientMsgId", UUID.randomUUID().toString(), "text", text), sender.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json();
    }

    HttpTestClient.Response sendRaw(TestUser sender, UUID conversationId, Map<String, ?> body) {
        return http().post("/v1/conversations/" + conversationId + "/messages", body, sender.accessToken());
    }

    // --- SQL (schema api) ---

    Connection sql() throws SQLException {
        Connection c = DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), api.env().get("TANGLE_DB_USER"), "");
        c.setSchema("api");
        return c;
    }

    void exec(String statement, Object... params) {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    List<Long> longs(String query, Object... params) {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            var rs = s.executeQuery();
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    void block(TestUser blocker, TestUser blocked) {
        exec("INSERT INTO blocks (blocker_id, blocked_id) VALUES (?, ?)", blocker.id(), blocked.id());
    }

    UUID group(TestUser owner, TestUser... members) {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO groups (id, name, visibility, created_by) VALUES (?, 'g', 'private', ?)", id, owner.id());
        exec("INSERT INTO group_members (group_id, user_id, role) VALUES (?, ?, 'owner')", id, owner.id());
        for (TestUser m : members) {
            exec("INSERT INTO group_members (group_id, user_id, role) VALUES (?, ?, 'member')", id, m.id());
        }
        return id;
    }

    /** What identity does when a member joins or leaves: the row change, then its event on the stream. */
    void groupMember(UUID groupId, TestUser user, boolean added) {
        if (added) {
            exec("INSERT INTO group_members (group_id, user_id, role) VALUES (?, ?, 'member')", groupId, user.id());
        } else {
            exec("DELETE FROM group_members WHERE group_id = ? AND user_id = ?", groupId, user.id());
        }
        publishGroupEvent(groupId, user.id(), added ? "member.added" : "member.removed");
    }

    void publishGroupEvent(UUID groupId, UUID userId, String event) {
        Map<String, Object> data = new HashMap<>(Map.of("groupId", groupId, "userId", userId));
        var envelope = dev.tangle.common.event.Event.of("api-server", "group", groupId, event, data);
        try (var nc = Nats.connect(api.env().get("TANGLE_NATS_URL"))) {
            nc.jetStream().publish(envelope.natsSubject(), Json.write(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request to a {@code tangle.svc.chat.*} subject and returns {@code {ok:true, <reply>}} or
     * {@code {ok:false, error:<problem body>}} (an error reply has the {@code Nats-Service-Error-Code} header). A
     * flat send map ({@code userId, conversationId} and the send's fields) is sent as
     * {@link dev.tangle.common.contract.chat.ChatContract.SendRequest} {@code {userId, conversationId, body}}.
     */
    JsonNode svc(String op, Map<String, ?> request) {
        Object wire = request;
        if ("send".equals(op)) {
            Map<String, Object> body = new HashMap<>(request);
            Map<String, Object> send = new HashMap<>();
            send.put("userId", body.remove("userId"));
            send.put("conversationId", body.remove("conversationId"));
            send.put("body", body);
            wire = send;
        }
        return svcRaw(op, Json.write(wire));
    }

    JsonNode svcRaw(String op, byte[] request) {
        try (var nc = Nats.connect(api.env().get("TANGLE_NATS_URL"))) {
            var reply = nc.request("tangle.svc.chat." + op, request, Duration.ofSeconds(10));
            return ServiceReplies.normalized(reply);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
