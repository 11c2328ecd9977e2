package dev.tangle.api.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.TestUser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every chat endpoint and service subject against non-members, removed members, blocked peers, group outsiders. */
class ChatAuthorizationIT extends ChatIT {

    @Test
    void nonMembersAndRemovedMembersGet404ForEverything() {
        TestUser owner = api.register("az_o");
        TestUser removed = api.register("az_r");
        TestUser outsider = api.register("az_x");
        UUID conv = chat.createGroupConversation(owner, removed);
        String messageId = chat.send(owner, conv, "secret").get("id").asText();
        assertThat(http.delete("/v1/conversations/" + conv + "/members/" + removed.id(), owner.accessToken()).status()).isEqualTo(204);
        assertAllHidden(conv, messageId, owner, outsider);
        assertAllHidden(conv, messageId, owner, removed);
    }

    @Test
    void groupOutsidersGet404ForEveryPartOfAChannel() {
        TestUser owner = api.register("azc_o");
        TestUser leaver = api.register("azc_l");
        TestUser outsider = api.register("azc_x");
        UUID group = chat.group(owner, leaver);
        var created = http.post("/v1/conversations", Map.of("kind", "channel", "groupId", group.toString(), "title", "c"), owner.accessToken());
        UUID channel = UUID.fromString(created.json().get("id").asText());
        String messageId = chat.send(owner, channel, "members only").get("id").asText();
        chat.groupMember(group, leaver, false);
        assertAllHidden(channel, messageId, owner, outsider);
        assertAllHidden(channel, messageId, owner, leaver);
    }

    @Test
    void aBlockedPeerStillSeesTheDirectConversationButCannotSendOrReact() {
        TestUser a = api.register("azb_a");
        TestUser b = api.register("azb_b");
        UUID dm = chat.createDirect(a, b);
        String messageId = chat.send(b, dm, "before the block").get("id").asText();
        chat.block(a, b);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(http.get("/v1/conversations/" + dm, b.accessToken()).status()).isEqualTo(200);
        soft.assertThat(chat.sendRaw(b, dm, Map.of("clientMsgId", "blk", "text", "x")).status()).isEqualTo(403);
        soft.assertThat(http.put("/v1/conversations/" + dm + "/messages/" + messageId + "/reactions/%F0%9F%91%8D", null, b.accessToken())
                .status()).isEqualTo(403);
        JsonNode svc = chat.svc("send", Map.of("userId", b.id().toString(), "conversationId", dm.toString(),
                "clientMsgId", "blk-svc", "text", "x"));
        soft.assertThat(svc.get("ok").asBoolean()).isFalse();
        soft.assertThat(svc.get("error").get("status").asInt()).isEqualTo(403);
        soft.assertThat(http.post("/v1/conversations", Map.of("kind", "direct", "userId", a.id().toString()), b.accessToken()).status())
                .isEqualTo(404);
        soft.assertAll();
    }

    @Test
    void servicesAnswerMembersLikeRest() {
        TestUser a = api.register("svc_a");
        TestUser b = api.register("svc_b");
        UUID conv = chat.createGroupConversation(a, b);
        Map<String, Object> send = Map.of("userId", a.id().toString(), "conversationId", conv.toString(),
                "clientMsgId", "svc-1", "text", "over nats");
        JsonNode first = chat.svc("send", send);
        assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.get("created").asBoolean()).isTrue();
        assertThat(first.get("message").get("seq").asLong()).isEqualTo(1);
        JsonNode again = chat.svc("send", send);
        assertThat(again.get("created").asBoolean()).isFalse();
        assertThat(again.get("message").get("id")).isEqualTo(first.get("message").get("id"));
        chat.send(b, conv, "over rest");

        JsonNode history = chat.svc("history", Map.of("userId", b.id().toString(), "conversationId", conv.toString(), "afterSeq", 1, "limit", 10));
        assertThat(history.get("items").findValuesAsText("text")).containsExactly("over rest");
        assertThat(history.get("hasMore").asBoolean()).isFalse();
        assertThat(chat.svc("memberships", Map.of("userId", b.id().toString())).get("conversationIds").toString()).contains(conv.toString());
        assertThat(chat.svc("members", Map.of("userId", b.id().toString(), "conversationId", conv.toString())).get("memberIds")).hasSize(2);
        assertThat(chat.svc("read", Map.of("userId", b.id().toString(), "conversationId", conv.toString(), "seq", 2)).get("ok").asBoolean()).isTrue();
        assertThat(http.get("/v1/conversations/" + conv, b.accessToken()).json().get("readSeq").asLong()).isEqualTo(2);

        JsonNode bad = chat.svc("send", Map.of("userId", a.id().toString(), "conversationId", conv.toString(), "text", "no key"));
        assertThat(bad.get("error").get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("error").get("code").asText()).isEqualTo("validation_failed");
        assertThat(bad.get("error").get("detail").asText()).contains("clientMsgId");
        JsonNode garbage = chat.svcRaw("history", "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.get("ok").asBoolean()).isFalse();
        assertThat(garbage.get("error").get("status").asInt()).isEqualTo(400);
        assertThat(chat.svc("history", Map.of("userId", b.id().toString(), "conversationId", conv.toString(), "limit", 501))
                .get("error").get("detail").asText()).contains("limit");
    }

    /** Every REST endpoint and service subject about the conversation answers 404 to {@code stranger}. */
    private static void assertAllHidden(UUID conv, String messageId, TestUser owner, TestUser stranger) {
        String c = "/v1/conversations/" + conv;
        String m = c + "/messages/" + messageId;
        String token = stranger.accessToken();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(http.get(c, token).status()).as("GET conversation").isEqualTo(404);
        soft.assertThat(http.patch(c, Map.of("title", "x"), token).status()).as("rename").isEqualTo(404);
        soft.assertThat(http.post(c + "/members", Map.of("userId", stranger.id().toString()), token).status()).as("add member").isEqualTo(404);
        soft.assertThat(http.delete(c + "/members/" + owner.id(), token).status()).as("remove member").isEqualTo(404);
        soft.assertThat(http.delete(c + "/members/" + stranger.id(), token).status()).as("leave").isEqualTo(404);
        soft.assertThat(chat.sendRaw(stranger, conv, Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "x")).status())
                .as("send").isEqualTo(404);
        soft.assertThat(http.get(c + "/messages", token).status()).as("history").isEqualTo(404);
        soft.assertThat(http.get(c + "/messages?threadRootId=" + messageId, token).status()).as("thread").isEqualTo(404);
        soft.assertThat(http.patch(m, Map.of("text", "x"), token).status()).as("edit").isEqualTo(404);
        soft.assertThat(http.delete(m, token).status()).as("delete").isEqualTo(404);
        soft.assertThat(http.get(m + "/edits", token).status()).as("edits").isEqualTo(404);
        soft.assertThat(http.put(m + "/reactions/%F0%9F%91%8D", null, token).status()).as("react").isEqualTo(404);
        soft.assertThat(http.delete(m + "/reactions/%F0%9F%91%8D", token).status()).as("unreact").isEqualTo(404);
        soft.assertThat(http.post(c + "/read", Map.of("seq", 1), token).status()).as("read").isEqualTo(404);
        soft.assertThat(http.get(c + "/receipts", token).status()).as("receipts").isEqualTo(404);
        soft.assertThat(http.get("/v1/conversations", token).json().get("items").toString()).as("list").doesNotContain(conv.toString());
        String user = stranger.id().toString();
        for (var request : List.of(
                Map.of("op", "send", "body", Map.of("userId", user, "conversationId", conv.toString(), "clientMsgId", UUID.randomUUID().toString(), "text", "x")),
                Map.of("op", "history", "body", Map.of("userId", user, "conversationId", conv.toString(), "afterSeq", 0, "limit", 10)),
                Map.of("op", "members", "body", Map.of("userId", user, "conversationId", conv.toString())),
                Map.of("op", "read", "body", Map.of("userId", user, "conversationId", conv.toString(), "seq", 1)))) {
            JsonNode reply = chat.svc((String) request.get("op"), (Map<String, ?>) request.get("body"));
            soft.assertThat(reply.path("error").path("status").asInt()).as("svc " + request.get("op")).isEqualTo(404);
            soft.assertThat(reply.path("error").path("code").asText()).as("svc " + request.get("op")).isEqualTo("not_found");
        }
        soft.assertThat(chat.svc("memberships", Map.of("userId", user)).get("conversationIds").toString()).as("svc memberships")
                .doesNotContain(conv.toString());
        soft.assertAll();
    }
}
