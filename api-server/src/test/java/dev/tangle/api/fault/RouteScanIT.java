package dev.tangle.api.fault;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.http.Routes;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, Must show (b): every REST route of api-server (enumerated from the routing, {@link Routes#registered(String)})
 * with malformed and unknown ids, garbage cursors and query parameters, NUL-bearing and wrongly typed bodies,
 * oversize bodies and headers: no 5xx, and every error body is problem+json with a {@code code}.
 */
class RouteScanIT {

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final List<String> BAD_IDS = List.of("not-a-uuid", "%00", "x".repeat(300), UUID.randomUUID().toString(),
            "00000000-0000-0000-0000-00000000000g", "%F0%9F", "..%2F..%2Fetc");
    private static final List<String> QUERIES = List.of("cursor=WyJ4IiwieSJd", "cursor=WyJ4Il0", "cursor=" + b64("[\"\\u0000\"]"),
            "cursor=" + b64("[\"\\u0000\",\"\\u0000\"]"), "cursor=" + b64("[{\"a\":1}]"), "cursor=" + b64("[null,null]"),
            "cursor=!!!", "cursor=" + "A".repeat(5000), "limit=abc", "limit=-1", "limit=99999999999", "afterSeq=x",
            "beforeSeq=-5", "afterSeq=99999999999999999999", "threadRootId=bad", "parentId=bad", "depth=x", "depth=999",
            "replyLimit=-3", "q=%00", "q=" + "a".repeat(500), "direction=sideways", "kinds=%00", "x=%00");
    private static final List<String> BODIES = List.of("not json", "{", "[]", "\"str\"", "null", "{}", "{\"a\":\"\\u0000\"}",
            "{\"text\":\"\\u0000\",\"name\":\"\\u0000\",\"title\":\"\\u0000\",\"handle\":\"\\u0000\",\"userId\":\"\\u0000\","
            + "\"clientMsgId\":\"\\u0000\",\"displayName\":\"\\u0000\",\"refreshToken\":\"\\u0000\",\"kind\":\"\\u0000\"}",
            "{\"text\":1,\"name\":[],\"title\":{},\"userId\":5,\"memberIds\":\"x\",\"mediaIds\":[1],\"seq\":\"x\","
            + "\"visibility\":7,\"location\":5,\"position\":[],\"kind\":\"group\",\"role\":3}",
            "{\"userId\":\"" + UUID.randomUUID() + "\",\"seq\":-1,\"kind\":\"direct\",\"memberIds\":[\"bad\"]}",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "{\"\\u0000\":1}", "{\"text\":\"\\ud800\"}");

    private static ApiTestServer api;
    private static TestUser me;
    private static TestUser other;
    private static Map<String, String> real;
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int errors;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        me = api.register("scan");
        other = api.register("scanother");
        HttpTestClient http = api.http();
        real = new LinkedHashMap<>();
        real.put("/v1/conversations", Faults.groupConversation(http, me, other).toString());
        real.put("/v1/posts", http.post("/v1/posts", Map.of("text", "p", "visibility", "public"), me.accessToken())
                .json().get("id").asText());
        real.put("/v1/groups", http.post("/v1/groups", Map.of("name", "g", "visibility", "public"), me.accessToken())
                .json().get("id").asText());
        real.put("/v1/comments", http.post("/v1/posts/" + real.get("/v1/posts") + "/comments", Map.of("text", "c"),
                me.accessToken()).json().get("id").asText());
        real.put("/v1/friends/requests", http.post("/v1/friends/requests", Map.of("userId", other.id().toString()),
                me.accessToken()).json().get("id").asText());
        real.put("/v1/users", other.id().toString());
        real.put("messageId", http.post("/v1/conversations/" + real.get("/v1/conversations") + "/messages",
                Map.of("clientMsgId", "m1", "text", "m"), me.accessToken()).json().get("id").asText());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyRouteAnswersHostileInputWithoutA5xxAndWithProblemJson() {
        List<Routes.Route> routes = Routes.registered("api-server").stream()
                .filter(r -> !r.path().equals("/v1/auth/logout-all"))
                // mutations that remove the fixtures go last
                .sorted((a, b) -> Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")))
                .toList();
        assertThat(routes).as("routes enumerated from the routing").hasSizeGreaterThan(50);
        for (Routes.Route route : routes) {
            for (String path : paths(route.path())) {
                for (String query : QUERIES) {
                    call(route.method(), path + "?" + query, null, me.accessToken());
                }
                call(route.method(), path, null, null);
                call(route.method(), path, null, "garbage.token.here");
                if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
                    for (String body : BODIES) {
                        call(route.method(), path, body, me.accessToken());
                    }
                }
            }
            String path = paths(route.path()).getFirst();
            raw(route, path, "Content-Length: " + (2 * 1024 * 1024) + "\r\nContent-Type: application/json", 2 * 1024 * 1024);
            raw(route, path, "X-Huge: " + "h".repeat(70_000), 0);
            raw(route, path + "?q=" + "u".repeat(70_000), "", 0);
            raw(route, path, "Authorization: Bearer " + "t".repeat(20_000), 0);
        }
        System.out.printf("route scan: %d routes, %d requests, %d error responses, %d failures%n",
                routes.size(), requests, errors, failures.size());
        assertThat(failures).as(requests + " requests").isEmpty();
    }

    /** The route's path with real ids, then with each kind of bad id in each parameter. */
    private static List<String> paths(String template) {
        List<String> paths = new ArrayList<>();
        paths.add(fill(template, null, null));
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            for (String bad : BAD_IDS) {
                paths.add(fill(template, m.group(1), bad));
            }
        }
        return paths;
    }

    private static String fill(String template, String badParam, String bad) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(badParam) ? bad : realValue(template, name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String realValue(String template, String name) {
        return switch (name) {
            case "userId" -> other.id().toString();
            case "messageId" -> real.get("messageId");
            case "emoji" -> "%F0%9F%91%8D";
            default -> real.entrySet().stream().filter(e -> template.startsWith(e.getKey() + "/")).map(Map.Entry::getValue)
                    .findFirst().orElse(UUID.randomUUID().toString());
        };
    }

    private void call(String method, String pathAndQuery, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.http().baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpTestClient.Response res = api.http().send(request.build());
        record(method + " " + pathAndQuery + (body == null ? "" : " " + body), res.status(), res.contentType(),
                res.raw().body());
    }

    private void raw(Routes.Route route, String pathAndQuery, String header, int bodyBytes) {
        String head = route.method() + " " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + me.accessToken()
                      + "\r\n" + (header.isEmpty() ? "" : header + "\r\n") + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(h, h.length + bodyBytes);
        java.util.Arrays.fill(all, h.length, all.length, (byte) ' ');
        RawHttp.Response res = RawHttp.exchange(api.http().baseUrl(), all);
        record(route.method() + " " + route.path() + " [" + (header.length() > 40 ? header.substring(0, 40) : header)
               + "…, " + bodyBytes + " body bytes]", res.status(), res.contentType(), res.body());
    }

    private void record(String what, int status, String contentType, byte[] body) {
        requests++;
        String shown = what.length() > 200 ? what.substring(0, 200) + "…" : what;
        if (status >= 500 || status == 0) {
            failures.add(shown + " → " + status + " " + new String(body, StandardCharsets.UTF_8));
            return;
        }
        if (status < 400) {
            return;
        }
        errors++;
        String text = new String(body, StandardCharsets.UTF_8);
        if (!contentType.startsWith("application/problem+json") || !text.contains("\"code\":\"")) {
            failures.add(shown + " → " + status + " " + contentType + " " + text);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
