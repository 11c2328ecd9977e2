package dev.tangle.api.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationIT extends ChatIT {

    @Test
    void directIsOnePerPairEvenUnderConcurrentCreation() throws Exception {
        TestUser a = api.register("dm_a");
        TestUser b = api.register("dm_b");
        List<Callable<HttpTestClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestUser from = i % 2 == 0 ? a : b;
            TestUser to = i % 2 == 0 ? b : a;
            calls.add(() -> http.post("/v1/conversations", Map.of("kind", "direct", "userId", to.id().toString()), from.accessToken()));
        }
        List<HttpTestClient.Response> responses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        }
        assertThat(responses.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(7);
        JsonNode conversation = responses.getFirst().json();
        assertThat(conversation.get("kind").asText()).isEqualTo("direct");
        assertThat(conversation.get("memberIds")).hasSize(2);
    }

    @Test
    void directIsRefusedWhileEitherBlockedTheOther() {
        TestUser a = api.register("blk_a");
        TestUser b = api.register("blk_b");
        UUID dm = chat.createDirect(a, b);
        chat.block(b, a);
        var create = http.post("/v1/conversations", Map.of("kind", "direct", "userId", b.id().toString()), a.accessToken());
        assertThat(create.status()).isEqualTo(404);
        var send = chat.sendRaw(a, dm, Map.of("clientMsgId", "x1", "text", "hi"));
        assertThat(send.status()).isEqualTo(403);
        var reverse = chat.sendRaw(b, dm, Map.of("clientMsgId", "x2", "text", "hi"));
        assertThat(reverse.status()).isEqualTo(403);
        assertThat(http.post("/v1/conversations", Map.of("kind", "direct", "userId", a.id().toString()), a.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void creatorManagesGroupMembersAndOthersMayOnlyLeave() {
        TestUser owner = api.register("grp_o");
        TestUser m1 = api.register("grp_m1");
        TestUser m2 = api.register("grp_m2");
        UUID conv = chat.createGroupConversation(owner, m1);
        assertThat(http.post("/v1/conversations/" + conv + "/members", Map.of("userId", m2.id().toString()), m1.accessToken()).status())
                .isEqualTo(403);
        var added = http.post("/v1/conversations/" + conv + "/members", Map.of("userId", m2.id().toString()), owner.accessToken());
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("memberIds")).hasSize(3);
        assertThat(http.get("/v1/conversations/" + conv, m2.accessToken()).status()).isEqualTo(200);
        assertThat(http.delete("/v1/conversations/" + conv + "/members/" + m2.id(), m1.accessToken()).status()).isEqualTo(403);
        assertThat(http.delete("/v1/conversations/" + conv + "/members/" + m1.id(), m1.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/conversations/" + conv, m1.accessToken()).status()).isEqualTo(404);
        assertThat(http.delete("/v1/conversations/" + conv + "/members/" + m2.id(), owner.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/conversations/" + conv, owner.accessToken()).json().get("memberIds")).hasSize(1);
    }

    @Test
    void badCreateBodiesNameTheField() {
        TestUser u = api.register("bad_c");
        assertThat(field(http.post("/v1/conversations", Map.of("kind", "nope"), u.accessToken()))).isEqualTo("kind");
        assertThat(field(http.post("/v1/conversations", Map.of("kind", "direct"), u.accessToken()))).isEqualTo("userId");
        assertThat(field(http.post("/v1/conversations", Map.of("kind", "direct", "userId", "zz"), u.accessToken()))).isEqualTo("userId");
        assertThat(field(http.post("/v1/conversations", Map.of("kind", "channel", "title", "x"), u.accessToken()))).isEqualTo("groupId");
        assertThat(field(http.post("/v1/conversations", Map.of("kind", "group", "memberIds", List.of(UUID.randomUUID().toString())),
                u.accessToken()))).isEqualTo("memberIds[0]");
    }

    @Test
    void channelMembersFollowTheGroup() {
        TestUser owner = api.register("ch_o");
        TestUser member = api.register("ch_m");
        TestUser outsider = api.register("ch_x");
        UUID group = chat.group(owner, member);
        var refused = http.post("/v1/conversations", Map.of("kind", "channel", "groupId", group.toString(), "title", "c"), outsider.accessToken());
        assertThat(refused.status()).isEqualTo(404);
        var created = http.post("/v1/conversations", Map.of("kind", "channel", "groupId", group.toString(), "title", "general"), owner.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID channel = UUID.fromString(created.json().get("id").asText());
        assertThat(created.json().get("memberIds")).hasSize(2);
        assertThat(http.get("/v1/conversations/" + channel, outsider.accessToken()).status()).isEqualTo(404);

        chat.groupMember(group, outsider, true);
        assertThat(http.get("/v1/conversations/" + channel, outsider.accessToken()).status()).isEqualTo(200);
        Await.until(Duration.ofSeconds(10), "channel sync adds the new group member",
                () -> chat.longs("SELECT count(*) FROM conversation_members WHERE conversation_id = ?", channel).getFirst() == 3);

        chat.groupMember(group, member, false);
        assertThat(chat.sendRaw(member, channel, Map.of("clientMsgId", "gone", "text", "x")).status()).isEqualTo(404);
        Await.until(Duration.ofSeconds(10), "channel sync removes the former group member",
                () -> chat.longs("SELECT count(*) FROM conversation_members WHERE conversation_id = ? AND user_id = ?",
                        channel, member.id()).getFirst() == 0);
        // a duplicate event changes nothing
        chat.publishGroupEvent(group, outsider.id(), "member.added");
        chat.send(outsider, channel, "hello channel");
        assertThat(http.get("/v1/conversations/" + channel, owner.accessToken()).json().get("memberIds")).hasSize(2);
    }

    @Test
    void listIsMostRecentActivityFirstWithUnreadCounts() {
        TestUser me = api.register("lst_me");
        TestUser other = api.register("lst_o");
        UUID first = chat.createGroupConversation(me, other);
        UUID second = chat.createGroupConversation(me, other);
        chat.send(other, first, "one");
        chat.send(other, first, "two");
        chat.send(me, first, "mine");
        chat.send(other, second, "three");
        JsonNode items = http.get("/v1/conversations", me.accessToken()).json().get("items");
        assertThat(items.get(0).get("id").asText()).isEqualTo(second.toString());
        assertThat(items.get(0).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(items.get(1).get("unreadCount").asLong()).isEqualTo(2);
        assertThat(items.get(1).get("lastMessage").get("text").asText()).isEqualTo("mine");

        chat.send(other, first, "four");
        var page = http.get("/v1/conversations?limit=1", me.accessToken()).json();
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(first.toString());
        var next = http.get("/v1/conversations?limit=1&cursor=" + page.get("nextCursor").asText(), me.accessToken()).json();
        assertThat(next.get("items").get(0).get("id").asText()).isEqualTo(second.toString());
    }

    @Test
    void canvasMessagesCarryAPositionInRange() {
        TestUser me = api.register("cnv");
        var res = http.post("/v1/conversations", Map.of("kind", "canvas", "title", "board"), me.accessToken());
        assertThat(res.status()).isEqualTo(201);
        UUID canvas = UUID.fromString(res.json().get("id").asText());
        assertThat(field(chat.sendRaw(me, canvas, Map.of("clientMsgId", "p0", "text", "x")))).isEqualTo("position");
        assertThat(field(chat.sendRaw(me, canvas, Map.of("clientMsgId", "p1", "text", "x", "position", Map.of("x", 1, "y", 2e7)))))
                .isEqualTo("position.y");
        var ok = chat.sendRaw(me, canvas, Map.of("clientMsgId", "p2", "text", "x", "position", Map.of("x", 10.5, "y", -3)));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("position").get("x").asDouble()).isEqualTo(10.5);
    }

    static String field(HttpTestClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asText();
    }
}
