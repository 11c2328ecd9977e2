package dev.tangle.api.chat;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One api-server (real PostgreSQL and NATS) per test class, with the chat fixtures. */
abstract class ChatIT {

    static ApiTestServer api;
    static ChatFixtures chat;
    static HttpTestClient http;

    @BeforeAll
    static void startApi() {
        api = ApiTestServer.start();
        chat = new ChatFixtures(api);
        http = api.http();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }
}
