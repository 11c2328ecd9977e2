package dev.tangle.api.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Gapless seq and idempotency under concurrent senders through two api-server instances on one database. */
class ChatConcurrencyIT {

    private static final int SENDERS = 8;
    private static final int PER_SENDER = 500;

    private static ApiTestServer api;
    private static ApiTestServer second;
    private static ChatFixtures chat;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        second = api.startAnother();
        chat = new ChatFixtures(api);
    }

    @AfterAll
    static void stop() {
        second.close();
        api.close();
    }

    @Test
    void eightSendersThroughTwoInstancesGetSeqOneToFourThousandWithoutGapOrDuplicate() throws Exception {
        List<TestUser> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(api.register("conc" + i));
        }
        UUID conv = chat.createGroupConversation(senders.getFirst(), senders.subList(1, SENDERS).toArray(TestUser[]::new));
        List<Future<Integer>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < SENDERS; s++) {
                TestUser sender = senders.get(s);
                results.add(pool.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < PER_SENDER; i++) {
                        HttpTestClient via = (i % 2 == 0 ? api : second).http();
                        var res = via.post("/v1/conversations/" + conv + "/messages",
                                Map.of("clientMsgId", sender.handle() + "-" + i, "text", "m" + i), sender.accessToken());
                        if (res.status() == 201) {
                            created++;
                        } else {
                            throw new AssertionError(res.toString());
                        }
                    }
                    return created;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(PER_SENDER);
            }
        }
        int total = SENDERS * PER_SENDER;
        List<Long> seqs = chat.longs("SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq", conv);
        assertThat(seqs).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        assertThat(chat.longs("SELECT last_seq FROM conversations WHERE id = ?", conv)).containsExactly((long) total);
        // per sender, its own messages are in the order it sent them
        for (TestUser sender : senders) {
            List<Long> own = chat.longs("SELECT substring(client_msg_id from '[0-9]+$')::bigint FROM messages "
                                        + "WHERE sender_id = ? ORDER BY seq", sender.id());
            assertThat(own).isSorted().hasSize(PER_SENDER);
        }
    }

    @Test
    void sendersSpreadOverSixConversationsThroughTwoInstancesLeaveEachGapless() throws Exception {
        List<TestUser> members = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            members.add(api.register("spread" + i));
        }
        TestUser[] others = members.subList(1, SENDERS).toArray(TestUser[]::new);
        List<UUID> conversations = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            conversations.add(chat.createGroupConversation(members.getFirst(), others));
        }
        int perSender = 240;
        List<Future<Integer>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < SENDERS; s++) {
                TestUser sender = members.get(s);
                int offset = s;
                results.add(pool.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < perSender; i++) {
                        // every sender walks the conversations in its own order, so batches mix them differently
                        UUID conv = conversations.get((i + offset) % conversations.size());
                        var res = (i % 2 == 0 ? api : second).http().post("/v1/conversations/" + conv + "/messages",
                                Map.of("clientMsgId", sender.handle() + "-" + i, "text", "m" + i), sender.accessToken());
                        if (res.status() != 201) {
                            throw new AssertionError(res.toString());
                        }
                        created++;
                    }
                    return created;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(perSender);
            }
        }
        int perConversation = SENDERS * perSender / conversations.size();
        for (UUID conv : conversations) {
            List<Long> seqs = chat.longs("SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq", conv);
            assertThat(seqs).hasSize(perConversation);
            for (int i = 0; i < perConversation; i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
            assertThat(chat.longs("SELECT last_seq FROM conversations WHERE id = ?", conv))
                    .containsExactly((long) perConversation);
        }
    }

    @Test
    void concurrentRetriesOfOneSendYieldOneMessage() throws Exception {
        TestUser a = api.register("race");
        UUID conv = chat.createGroupConversation(a);
        List<Future<HttpTestClient.Response>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                ApiTestServer via = i % 2 == 0 ? api : second;
                results.add(pool.submit(() -> via.http().post("/v1/conversations/" + conv + "/messages",
                        Map.of("clientMsgId", "same", "text", "once"), a.accessToken())));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (var f : results) {
                statuses.add(f.get().status());
                ids.add(f.get().json().get("id").asText());
            }
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(15);
            assertThat(ids.stream().distinct()).hasSize(1);
        }
        assertThat(chat.longs("SELECT count(*) FROM messages WHERE conversation_id = ?", conv)).containsExactly(1L);
        assertThat(chat.longs("SELECT last_seq FROM conversations WHERE id = ?", conv)).containsExactly(1L);
    }
}
