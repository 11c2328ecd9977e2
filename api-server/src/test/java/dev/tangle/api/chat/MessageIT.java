package dev.tangle.api.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.TestUser;
import org.junit.jupiter.api.Test;

import static dev.tangle.api.chat.ConversationIT.field;
import static org.assertj.core.api.Assertions.assertThat;

class MessageIT extends ChatIT {

    @Test
    void sameClientMsgIdReturnsTheOriginalWith200() {
        TestUser a = api.register("idem_a");
        UUID conv = chat.createGroupConversation(a);
        var first = chat.sendRaw(a, conv, Map.of("clientMsgId", "k-1", "text", "**bold** <b>x</b>", "format", "markdown"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("text").asText()).isEqualTo("**bold** <b>x</b>");
        assertThat(first.json().get("format").asText()).isEqualTo("markdown");
        assertThat(first.json().get("seq").asLong()).isEqualTo(1);
        var again = chat.sendRaw(a, conv, Map.of("clientMsgId", "k-1", "text", "different"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.json().get("text").asText()).isEqualTo("**bold** <b>x</b>");
        assertThat(chat.send(a, conv, "next").get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void textAndKeysWithQuotesBackslashesBracesAndNullWordsAreStoredAsSent() {
        TestUser a = api.register("esc_a");
        UUID conv = chat.createGroupConversation(a);
        String text = "NULL \"quoted\" back\\slash {a,b} ,comma\nline 2 \t tab 😀 'single' \\\"";
        String key = "NULL,{\"k\"}\\";
        var first = chat.sendRaw(a, conv, Map.of("clientMsgId", key, "text", text));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("text").asText()).isEqualTo(text);
        assertThat(first.json().get("clientMsgId").asText()).isEqualTo(key);
        assertThat(chat.longs("SELECT count(*) FROM messages WHERE conversation_id = ? AND text = '" + text.replace("'", "''")
                              + "'", conv)).containsExactly(1L);
        var retry = chat.sendRaw(a, conv, Map.of("clientMsgId", key, "text", "other"));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.json().get("text").asText()).isEqualTo(text);
    }

    @Test
    void limitsAndBadInputAre400NamingTheField() {
        TestUser a = api.register("lim_a");
        UUID conv = chat.createGroupConversation(a);
        assertThat(field(chat.sendRaw(a, conv, Map.of("text", "no key")))).isEqualTo("clientMsgId");
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "e")))).isEqualTo("text");
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "big", "text", "x".repeat(16 * 1024 + 1))))).isEqualTo("text");
        assertThat(chat.sendRaw(a, conv, Map.of("clientMsgId", "max", "text", "x".repeat(16 * 1024))).status()).isEqualTo(201);
        List<String> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> UUID.randomUUID().toString()).toList();
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "m", "text", "x", "mediaIds", eleven)))).isEqualTo("mediaIds");
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "f", "text", "x", "format", "html")))).isEqualTo("format");
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "r", "text", "x", "replyToId", "nope")))).isEqualTo("replyToId");
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "r2", "text", "x", "replyToId", UUID.randomUUID().toString()))))
                .isEqualTo("replyToId");
        assertThat(http.post("/v1/conversations/" + conv + "/messages", "{not json", a.accessToken()).status()).isEqualTo(400);
        // ten is within the limit, but media ids are checked with media-service (not running here): a retryable
        // refusal, never an unchecked accept (media-service's ITs cover the checked answers)
        var ten = chat.sendRaw(a, conv, Map.of("clientMsgId", "m10", "text", "", "mediaIds", eleven.subList(0, 10)));
        assertThat(ten.status()).isEqualTo(503);
        assertThat(ten.json().path("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void repliesQuotesForwardsAndThreads() {
        TestUser a = api.register("rq_a");
        TestUser b = api.register("rq_b");
        TestUser outsider = api.register("rq_x");
        UUID conv = chat.createGroupConversation(a, b);
        UUID other = chat.createGroupConversation(a);
        UUID secret = chat.createGroupConversation(outsider);
        JsonNode root = chat.send(a, conv, "root");
        String rootId = root.get("id").asText();
        var reply = chat.sendRaw(b, conv, Map.of("clientMsgId", "rp", "text", "re", "replyToId", rootId, "quoteOfId", rootId,
                "mentions", List.of(a.id().toString())));
        assertThat(reply.json().get("replyToId").asText()).isEqualTo(rootId);
        assertThat(reply.json().get("quoteOfId").asText()).isEqualTo(rootId);
        assertThat(reply.json().get("mentions").get(0).asText()).isEqualTo(a.id().toString());

        var t1 = chat.sendRaw(b, conv, Map.of("clientMsgId", "t1", "text", "in thread", "threadRootId", rootId));
        chat.sendRaw(a, conv, Map.of("clientMsgId", "t2", "text", "in thread too", "threadRootId", rootId));
        assertThat(field(chat.sendRaw(a, conv, Map.of("clientMsgId", "t3", "text", "x", "threadRootId", t1.json().get("id").asText()))))
                .isEqualTo("threadRootId");
        var thread = http.get("/v1/conversations/" + conv + "/messages?threadRootId=" + rootId, a.accessToken()).json();
        assertThat(thread.get("items")).hasSize(2);
        var history = http.get("/v1/conversations/" + conv + "/messages?afterSeq=0", a.accessToken()).json().get("items");
        assertThat(history.get(0).get("threadReplyCount").asInt()).isEqualTo(2);
        assertThat(history.get(0).get("lastThreadReplyAt").isNull()).isFalse();

        var fwd = chat.sendRaw(a, other, Map.of("clientMsgId", "fw", "text", "", "forwardOfId", rootId));
        assertThat(fwd.status()).isEqualTo(201);
        assertThat(fwd.json().get("forward").get("text").asText()).isEqualTo("root");
        assertThat(fwd.json().get("forward").get("conversationId").asText()).isEqualTo(conv.toString());
        String secretId = chat.send(outsider, secret, "private").get("id").asText();
        assertThat(field(chat.sendRaw(a, other, Map.of("clientMsgId", "fw2", "text", "x", "forwardOfId", secretId))))
                .isEqualTo("forwardOfId");
    }

    @Test
    void editsKeepHistoryAndOnlyTheSenderEditsOrDeletes() {
        TestUser a = api.register("ed_a");
        TestUser b = api.register("ed_b");
        UUID conv = chat.createGroupConversation(a, b);
        JsonNode m = chat.send(a, conv, "v1");
        String path = "/v1/conversations/" + conv + "/messages/" + m.get("id").asText();
        assertThat(http.patch(path, Map.of("text", "hack"), b.accessToken()).status()).isEqualTo(403);
        var edited = http.patch(path, Map.of("text", "v2"), a.accessToken());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("text").asText()).isEqualTo("v2");
        assertThat(edited.json().get("editedAt").isNull()).isFalse();
        http.patch(path, Map.of("text", "v3"), a.accessToken());
        var edits = http.get(path + "/edits", b.accessToken()).json().get("items");
        assertThat(edits).hasSize(2);
        assertThat(edits.get(0).get("previousText").asText()).isEqualTo("v1");
        assertThat(edits.get(1).get("previousText").asText()).isEqualTo("v2");

        assertThat(http.delete(path, b.accessToken()).status()).isEqualTo(403);
        assertThat(http.delete(path, a.accessToken()).status()).isEqualTo(204);
        var after = http.get("/v1/conversations/" + conv + "/messages?afterSeq=0", b.accessToken()).json().get("items").get(0);
        assertThat(after.get("deleted").asBoolean()).isTrue();
        assertThat(after.get("text").asText()).isEmpty();
        assertThat(after.get("seq").asLong()).isEqualTo(m.get("seq").asLong());
        assertThat(http.patch(path, Map.of("text", "again"), a.accessToken()).status()).isEqualTo(409);
    }

    @Test
    void reactionsAreSingleEmojiWithCountsAndMine() {
        TestUser a = api.register("re_a");
        TestUser b = api.register("re_b");
        UUID conv = chat.createGroupConversation(a, b);
        JsonNode m = chat.send(a, conv, "react to me");
        String base = "/v1/conversations/" + conv + "/messages/" + m.get("id").asText() + "/reactions/";
        assertThat(http.put(base + enc("👍"), null, a.accessToken()).status()).isEqualTo(204);
        assertThat(http.put(base + enc("👍"), null, b.accessToken()).status()).isEqualTo(204);
        assertThat(http.put(base + enc("👍"), null, b.accessToken()).status()).isEqualTo(204);
        assertThat(http.put(base + enc("👨‍👩‍👧"), null, b.accessToken()).status()).isEqualTo(204);
        assertThat(http.put(base + enc("🇫🇷"), null, b.accessToken()).status()).isEqualTo(204);
        assertThat(field(http.put(base + enc("👍👍"), null, a.accessToken()))).isEqualTo("emoji");
        assertThat(field(http.put(base + "a", null, a.accessToken()))).isEqualTo("emoji");
        assertThat(field(http.put(base + "1", null, a.accessToken()))).isEqualTo("emoji");
        JsonNode reactions = http.get("/v1/conversations/" + conv + "/messages", a.accessToken()).json()
                .get("items").get(0).get("reactions");
        assertThat(reactions.get("counts").get("👍").asLong()).isEqualTo(2);
        assertThat(reactions.get("counts").get("👨‍👩‍👧").asLong()).isEqualTo(1);
        assertThat(reactions.get("mine")).hasSize(1);
        assertThat(http.delete(base + enc("👍"), b.accessToken()).status()).isEqualTo(204);
        JsonNode afterB = http.get("/v1/conversations/" + conv + "/messages", b.accessToken()).json()
                .get("items").get(0).get("reactions");
        assertThat(afterB.get("counts").get("👍").asLong()).isEqualTo(1);
        assertThat(afterB.get("mine")).hasSize(2);
    }

    @Test
    void historyWindowsAreAscendingWithHasMore() {
        TestUser a = api.register("hi_a");
        UUID conv = chat.createGroupConversation(a);
        for (int i = 1; i <= 7; i++) {
            chat.send(a, conv, "m" + i);
        }
        var after = http.get("/v1/conversations/" + conv + "/messages?afterSeq=2&limit=3", a.accessToken()).json();
        assertThat(after.get("items").findValuesAsText("seq")).containsExactly("3", "4", "5");
        assertThat(after.get("hasMore").asBoolean()).isTrue();
        var before = http.get("/v1/conversations/" + conv + "/messages?beforeSeq=4&limit=5", a.accessToken()).json();
        assertThat(before.get("items").findValuesAsText("seq")).containsExactly("1", "2", "3");
        assertThat(before.get("hasMore").asBoolean()).isFalse();
        var latest = http.get("/v1/conversations/" + conv + "/messages?limit=2", a.accessToken()).json();
        assertThat(latest.get("items").findValuesAsText("seq")).containsExactly("6", "7");
        assertThat(latest.get("hasMore").asBoolean()).isTrue();
        assertThat(field(http.get("/v1/conversations/" + conv + "/messages?afterSeq=x", a.accessToken()))).isEqualTo("afterSeq");
    }

    @Test
    void readMarkersMoveForwardUnlessForcedAndReceiptsCanBeHidden() {
        TestUser a = api.register("rd_a");
        TestUser b = api.register("rd_b");
        UUID conv = chat.createGroupConversation(a, b);
        for (int i = 0; i < 4; i++) {
            chat.send(a, conv, "m" + i);
        }
        String read = "/v1/conversations/" + conv + "/read";
        assertThat(unread(b, conv)).isEqualTo(4);
        assertThat(http.post(read, Map.of("seq", 3), b.accessToken()).status()).isEqualTo(204);
        assertThat(http.post(read, Map.of("seq", 1), b.accessToken()).status()).isEqualTo(204);
        assertThat(unread(b, conv)).isEqualTo(1);
        http.post(read, Map.of("seq", 1, "force", true), b.accessToken());
        assertThat(unread(b, conv)).isEqualTo(3);
        assertThat(field(http.post(read, Map.of(), b.accessToken()))).isEqualTo("seq");

        var receipts = http.get("/v1/conversations/" + conv + "/receipts", a.accessToken()).json().get("items");
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).get("userId").asText()).isEqualTo(b.id().toString());
        assertThat(receipts.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(http.patch("/v1/chat/settings", Map.of("hideReadReceipts", true), b.accessToken()).json()
                .get("hideReadReceipts").asBoolean()).isTrue();
        assertThat(http.get("/v1/conversations/" + conv + "/receipts", a.accessToken()).json().get("items")).isEmpty();
        assertThat(http.get("/v1/conversations/" + conv + "/receipts", b.accessToken()).json().get("items")).hasSize(1);
    }

    private static long unread(TestUser user, UUID conv) {
        return http.get("/v1/conversations/" + conv, user.accessToken()).json().get("unreadCount").asLong();
    }

    private static String enc(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8);
    }
}
