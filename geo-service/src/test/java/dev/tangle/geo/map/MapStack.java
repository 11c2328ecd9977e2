package dev.tangle.geo.map;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.ApiConfig;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.geo.GeoConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real event path for memory-map ITs: api-server (posts, friendships, blocks, groups over REST, events through
 * its outbox to TANGLE_EVENTS) and geo-service on the same PostgreSQL database and NATS.
 */
final class MapStack implements AutoCloseable {

    final Map<String, String> apiEnv;
    final Map<String, String> geoEnv;
    final RunningService api;
    RunningService geo;
    final HttpTestClient apiHttp;
    HttpTestClient geoHttp;

    record User(String id, String token) {
    }

    MapStack() throws Exception {
        apiEnv = TestInfra.env();
        apiEnv.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("tangle-keys").resolve("jwt-keys.json").toString());
        apiEnv.put("TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m");
        apiEnv.put("TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");
        api = dev.tangle.api.Main.start(ApiConfig.from(TestInfra.settings(apiEnv)));
        apiHttp = new HttpTestClient(api.baseUrl());
        geoEnv = new HashMap<>(apiEnv);
        geoEnv.remove("TANGLE_JWT_KEYS_FILE");
        geoEnv.put("TANGLE_JWT_JWKS_URL", api.baseUrl() + "/.well-known/jwks.json");
        geoEnv.put("TANGLE_MAP_FOLLOW_INTERVAL", "100ms");
        startGeo();
    }

    void startGeo() {
        geo = dev.tangle.geo.Main.start(GeoConfig.from(TestInfra.settings(geoEnv)));
        geoHttp = new HttpTestClient(geo.baseUrl());
    }

    void stopGeo() {
        geo.stop();
    }

    User register(String prefix) {
        String handle = prefix + "_" + (System.nanoTime() % 1_000_000_000L);
        var response = apiHttp.post("/v1/auth/register", Map.of("handle", handle, "password", "pw-" + handle + "-secret"), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new User(response.json().path("user").path("id").asText(), response.json().path("accessToken").asText());
    }

    void befriend(User a, User b) {
        var request = apiHttp.post("/v1/friends/requests", Map.of("userId", b.id()), a.token());
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        var accepted = apiHttp.post("/v1/friends/requests/" + request.json().path("id").asText() + "/accept", Map.of(), b.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    void block(User blocker, User blocked) {
        var response = apiHttp.post("/v1/blocks", Map.of("userId", blocked.id()), blocker.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    String post(User author, String visibility, double lat, double lon, String groupId) {
        Map<String, Object> body = new HashMap<>(Map.of("text", "at " + lat + "," + lon, "visibility", visibility,
                "location", Map.of("lat", lat, "lon", lon)));
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        var response = apiHttp.post("/v1/posts", body, author.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    void deletePost(User author, String postId) {
        var response = apiHttp.delete("/v1/posts/" + postId, author.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    JsonNode view(User viewer, String bbox, int zoom) {
        var response = geoHttp.get("/v1/map?bbox=" + bbox + "&zoom=" + zoom, viewer.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Ids of every item the viewer sees as a single item, plus "cluster:<count>" per cluster. */
    static List<String> itemIds(JsonNode view) {
        List<String> ids = new java.util.ArrayList<>();
        view.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    JsonNode awaitView(User viewer, String bbox, int zoom, String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Await.until(Duration.ofSeconds(10), what, () -> condition.test(last[0] = view(viewer, bbox, zoom)));
        return last[0];
    }

    @Override
    public void close() {
        if (geo != null) {
            geo.stop();
        }
        api.stop();
    }
}
