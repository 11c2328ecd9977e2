package dev.tangle.api.fault;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 3: NUL, other refused control characters, lone surrogates and noncharacters in any text field —
 * login handle included — are a 400 {@code validation_failed} naming the field, and change nothing.
 */
class HostileTextIT {

    private static final List<String> POISONS = List.of("a\\u0000b", "\\u0007bell", "lone \\ud800", "\\uffff");
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
    void everyTextFieldRefusesInvalidCharactersNamingTheField() {
        TestUser a = api.register("hostile");
        UUID conv = Faults.groupConversation(api.http(), a);
        String post = api.http().post("/v1/posts", Map.of("text", "hi", "visibility", "public"), a.accessToken())
                .json().get("id").asText();
        String group = api.http().post("/v1/groups", Map.of("name", "g", "visibility", "public"), a.accessToken())
                .json().get("id").asText();
        for (String poison : POISONS) {
            String p = "\"" + poison + "\"";
            expect("POST", "/v1/auth/login", "{\"handle\":" + p + ",\"password\":\"whatever1\"}", null, "handle");
            expect("POST", "/v1/auth/register", "{\"handle\":\"okhandle\",\"password\":" + p + "}", null, "password");
            expect("POST", "/v1/auth/refresh", "{\"refreshToken\":" + p + "}", null, "refreshToken");
            expect("PATCH", "/v1/users/me", "{\"displayName\":" + p + "}", a, "displayName");
            expect("PATCH", "/v1/users/me", "{\"bio\":" + p + "}", a, "bio");
            expect("POST", "/v1/posts", "{\"text\":" + p + ",\"visibility\":\"public\"}", a, "text");
            expect("POST", "/v1/posts", "{\"text\":\"ok\",\"visibility\":\"public\",\"location\":{\"lat\":1,\"lon\":2,\"name\":"
                                        + p + "}}", a, "location.name");
            expect("PATCH", "/v1/posts/" + post, "{\"text\":" + p + "}", a, "text");
            expect("POST", "/v1/posts/" + post + "/comments", "{\"text\":" + p + "}", a, "text");
            expect("POST", "/v1/groups", "{\"name\":" + p + ",\"visibility\":\"public\"}", a, "name");
            expect("PATCH", "/v1/groups/" + group, "{\"description\":" + p + "}", a, "description");
            expect("POST", "/v1/conversations", "{\"kind\":\"group\",\"title\":" + p + ",\"memberIds\":[]}", a, "title");
            expect("PATCH", "/v1/conversations/" + conv, "{\"title\":" + p + "}", a, "title");
            expect("POST", "/v1/conversations/" + conv + "/messages", "{\"clientMsgId\":\"k\",\"text\":" + p + "}", a, "text");
            expect("POST", "/v1/conversations/" + conv + "/messages", "{\"clientMsgId\":" + p + ",\"text\":\"t\"}", a, "clientMsgId");
            expect("POST", "/v1/conversations/" + conv + "/messages", "{\"clientMsgId\":\"k2\",\"text\":\"t\",\"mediaIds\":[" + p + "]}",
                    a, "mediaIds[0]");
        }
        // query parameters: the issue's /v1/users?q= and friends of it
        for (String q : List.of("/v1/users?q=ab%00", "/v1/friends/requests?direction=in%00", "/v1/users?q=%ED%A0%80")) {
            var res = api.http().get(q, a.accessToken());
            assertThat(res.status()).as(q + " " + res).isEqualTo(400);
            assertThat(res.contentType()).startsWith("application/problem+json");
            assertThat(res.json().get("code").asText()).isEqualTo("validation_failed");
        }
        assertThat(Faults.longs(api.env(), "SELECT count(*) FROM api.messages WHERE conversation_id = ?", conv))
                .containsExactly(0L);
        assertThat(api.http().get("/v1/users/me", a.accessToken()).json().get("displayName").asText())
                .doesNotContain("\u0000");
    }

    @Test
    void theIssuesGarbageCursorsAreA400OnCursor() {
        TestUser a = api.register("cursors");
        String nul = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"\\u0000\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String post = api.http().post("/v1/posts", Map.of("text", "hi", "visibility", "public"), a.accessToken())
                .json().get("id").asText();
        for (String url : List.of("/v1/conversations?cursor=WyJ4IiwieSJd", "/v1/posts/" + post + "/comments?cursor=WyJ4Il0",
                "/v1/users?q=ab&cursor=" + nul, "/v1/friends?cursor=" + nul, "/v1/blocks?cursor=" + nul,
                "/v1/friends/requests?cursor=" + nul, "/v1/groups?cursor=WyJ4Il0", "/v1/feed?cursor=WyJ4Il0")) {
            var res = api.http().get(url, a.accessToken());
            assertThat(res.status()).as(url + " " + res).isEqualTo(400);
            assertThat(res.contentType()).startsWith("application/problem+json");
            assertThat(res.json().get("errors").get(0).get("field").asText()).as(url).isEqualTo("cursor");
        }
    }

    private static void expect(String method, String path, String body, TestUser user, String field) {
        HttpTestClient.Response res = api.http().send(method, path, body, user == null ? null : user.accessToken());
        assertThat(res.status()).as(method + " " + path + " " + body + " → " + res).isEqualTo(400);
        assertThat(res.contentType()).startsWith("application/problem+json");
        assertThat(res.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(res.json().get("errors").get(0).get("field").asText()).as(res.toString()).isEqualTo(field);
    }
}
