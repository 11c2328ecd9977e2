package dev.tangle.geo.location;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.contract.GeoContract;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.geo.Main;
import dev.tangle.geo.support.GeoGrid;
import dev.tangle.geo.support.GeoStack;
import dev.tangle.geo.support.GeoStack.User;
import dev.tangle.geo.support.LatLon;
import dev.tangle.geo.support.Ws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live sharing against the real stack: api-server, two socket-server instances, geo-service, PostgreSQL, NATS. */
class LiveLocationIT {

    private static GeoStack stack;
    private static Main.Started geo;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        stack = new GeoStack();
        geo = stack.geo("geo-live-1", Map.of("TANGLE_GEO_STALE_AFTER", "2s"));
        http = new HttpTestClient(geo.service().baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String share(User owner, List<User> viewers, String precision) {
        var r = http.post("/v1/location/shares", Map.of("userIds", viewers.stream().map(User::id).toList(),
                "durationMinutes", 60, "precision", precision), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("active").asBoolean()).isTrue();
        return r.json().path("id").asText();
    }

    private static void update(User user, double lat, double lon) {
        var r = http.post("/v1/location", Map.of("lat", lat, "lon", lon, "accuracyM", 5), user.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    @Test
    void exactViewerSeesLivePointsAndApproximateViewerOnlyEverOneCell() {
        User a = stack.register("sharer");
        User exact = stack.register("exact");
        User approx = stack.register("approx");
        stack.befriend(a, exact);
        stack.befriend(a, approx);
        share(a, List.of(exact), "exact");
        share(a, List.of(approx), "approximate");
        try (Ws sharer = Ws.connect(stack.socketOne.baseUrl(), a.token());
             Ws onOne = Ws.connect(stack.socketOne.baseUrl(), exact.token());
             Ws onTwo = Ws.connect(stack.socketTwo.baseUrl(), approx.token())) {
            // over the WebSocket, forwarded by socket-server
            sharer.send(Map.of("type", "location", "id", "l1", "lat", 48.858421, "lon", 2.294481, "accuracyM", 4));
            sharer.await("ack of the location frame", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("l1"));
            // forwarded in one batch with others (docs/adr/0145): the refused frame gets its own field error, the next its ack
            sharer.send(Map.of("type", "location", "id", "bad", "lat", 95, "lon", 2.294481));
            sharer.send(Map.of("type", "location", "id", "l2", "lat", 48.858421, "lon", 2.294481));
            JsonNode refused = sharer.await("error of the refused frame", f -> f.path("type").asText().equals("error")
                                                                             && f.path("id").asText().equals("bad"));
            assertThat(refused.path("code").asText()).isEqualTo("validation_failed");
            assertThat(refused.path("field").asText()).isEqualTo("lat");
            sharer.await("ack of the next frame", f -> f.path("type").asText().equals("ack") && f.path("id").asText().equals("l2"));
            JsonNode seen = onOne.await("exact push", f -> f.path("type").asText().equals("location"));
            assertThat(seen.path("lat").asDouble()).isEqualTo(48.858421);
            assertThat(seen.path("lon").asDouble()).isEqualTo(2.294481);
            assertThat(seen.path("precision").asText()).isEqualTo("exact");
            assertThat(seen.path("userId").asText()).isEqualTo(a.id());

            // 1,000 random points inside one cell: the approximate viewer receives the same point every time
            LatLon cell = GeoGrid.snap(48.8600, 2.3000);
            Random random = new Random(7);
            int sent = 1000;
            for (int i = 0; i < sent; i++) {
                double lat = cell.lat() + (random.nextDouble() - 0.5) * 0.008;
                double lon = cell.lon() + (random.nextDouble() - 0.5) * 0.012;
                assertThat(GeoGrid.snap(lat, lon)).isEqualTo(cell);
                update(a, lat, lon);
            }
            Await.until(Duration.ofSeconds(20), "1,002 pushes to the approximate viewer", () -> onTwo.locations().size() >= sent + 2);
            List<JsonNode> cellPushes = onTwo.locations().subList(2, sent + 2);
            Set<String> points = cellPushes.stream().map(f -> f.path("lat").asDouble() + "," + f.path("lon").asDouble()
                                                              + "," + f.path("accuracyM").asDouble())
                    .collect(Collectors.toSet());
            assertThat(points).containsExactly(cell.lat() + "," + cell.lon() + "," + GeoGrid.APPROXIMATE_ACCURACY_M);
            assertThat(cellPushes).allMatch(f -> f.path("precision").asText().equals("approximate"));
            Await.until(Duration.ofSeconds(20), "exact pushes", () -> onOne.locations().size() >= sent + 2);
            assertThat(onOne.locations().stream().map(f -> f.path("lat").asDouble()).distinct().count()).isGreaterThan(900);

            // status and viewers
            var live = http.get("/v1/location/live", approx.token());
            assertThat(live.status()).isEqualTo(200);
            JsonNode item = live.json().path("items").get(0);
            assertThat(item.path("status").asText()).isEqualTo("live");
            assertThat(item.path("lat").asDouble()).isEqualTo(cell.lat());
            String shareId = item.path("shareId").asText();
            var viewers = http.get("/v1/location/shares/" + shareId + "/viewers", a.token());
            assertThat(viewers.json().path("items").get(0).path("userId").asText()).isEqualTo(approx.id());
            assertThat(http.get("/v1/location/shares/" + shareId + "/viewers", approx.token()).status()).isEqualTo(404);
        }
    }

    @Test
    void aShareEndsAtItsExpiryWithoutATimerOfItsOwn() throws Exception {
        User a = stack.register("expiring");
        User b = stack.register("watcher");
        stack.befriend(a, b);
        String shareId = share(a, List.of(b), "exact");
        try (Ws viewer = Ws.connect(stack.socketTwo.baseUrl(), b.token())) {
            update(a, 10.0, 10.0);
            viewer.await("a push while live", f -> f.path("type").asText().equals("location"));
            Instant expiresAt = Instant.now().plusSeconds(2);
            try (var c = geo.service().infra().db().dataSource().getConnection();
                 var s = c.prepareStatement("UPDATE geo.shares SET expires_at = ? WHERE id = ?::uuid")) {
                s.setObject(1, java.time.OffsetDateTime.ofInstant(expiresAt, java.time.ZoneOffset.UTC));
                s.setString(2, shareId);
                s.executeUpdate();
            }
            invalidate(a);
            JsonNode ended = viewer.await(Duration.ofSeconds(10), "location.ended", f -> f.path("kind").asText().equals("location.ended"));
            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
            assertThat(Duration.between(expiresAt, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(ended.path("shareId").asText()).isEqualTo(shareId);
            int before = viewer.locations().size();
            update(a, 10.001, 10.001);
            var live = http.get("/v1/location/live", b.token()).json().path("items").get(0);
            assertThat(live.path("status").asText()).isEqualTo("ended");
            assertThat(live.path("lat").isNull()).isTrue();
            assertThat(viewer.locations()).hasSize(before);
        }
    }

    @Test
    void aQuietShareGoesStaleOnceSayingWhyAndAPausedOneSaysPaused() {
        User a = stack.register("quiet");
        User b = stack.register("waiting");
        stack.befriend(a, b);
        String shareId = share(a, List.of(b), "exact");
        try (Ws viewer = Ws.connect(stack.socketOne.baseUrl(), b.token())) {
            update(a, 30.0, 30.0);
            viewer.await("the last push", f -> f.path("type").asText().equals("location"));
            JsonNode stale = viewer.await(Duration.ofSeconds(10), "location.stale",
                    f -> f.path("kind").asText().equals("location.stale"));
            assertThat(stale.path("shareId").asText()).isEqualTo(shareId);
            assertThat(stale.path("staleReason").asText()).isEqualTo("offline");
            JsonNode item = http.get("/v1/location/live", b.token()).json().path("items").get(0);
            assertThat(item.path("status").asText()).isEqualTo("stale");
            assertThat(item.path("staleReason").asText()).isEqualTo("offline");
            assertThat(item.path("lat").asDouble()).isEqualTo(30.0);
            try {
                Await.until(Duration.ofSeconds(1), "a second stale notice", () -> viewer.notifications("location.stale").size() > 1);
                throw new IllegalStateException("told twice");
            } catch (AssertionError expected) {
                assertThat(viewer.notifications("location.stale")).hasSize(1);
            }
            var paused = http.patch("/v1/location/shares/" + shareId, Map.of("paused", true), a.token());
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
            item = http.get("/v1/location/live", b.token()).json().path("items").get(0);
            assertThat(item.path("status").asText()).isEqualTo("paused");
            assertThat(item.path("staleReason").asText()).isEqualTo("sharing_paused");
            int before = viewer.locations().size();
            update(a, 30.1, 30.1);
            assertThat(http.patch("/v1/location/shares/" + shareId, Map.of("paused", false), a.token()).status()).isEqualTo(200);
            update(a, 30.2, 30.2);
            JsonNode resumed = viewer.await("a push after resuming", f -> f.path("type").asText().equals("location")
                                                                          && f.path("lat").asDouble() == 30.2);
            assertThat(viewer.locations().stream().anyMatch(f -> f.path("lat").asDouble() == 30.1)).isFalse();
            assertThat(viewer.locations().size()).isEqualTo(before + 1);
            assertThat(resumed.path("shareId").asText()).isEqualTo(shareId);
        }
    }

    @Test
    void blockingStopsUpdatesWithinOneSecond() {
        User a = stack.register("blocker");
        User b = stack.register("blocked");
        stack.befriend(a, b);
        share(a, List.of(b), "exact");
        try (Ws viewer = Ws.connect(stack.socketOne.baseUrl(), b.token())) {
            update(a, 20.0, 20.0);
            viewer.await("a push before the block", f -> f.path("type").asText().equals("location"));
            var blocked = stack.apiHttp.post("/v1/blocks", Map.of("userId", b.id()), a.token());
            assertThat(blocked.status()).isEqualTo(204);
            Instant blockedAt = Instant.now();
            while (Duration.between(blockedAt, Instant.now()).toMillis() < 2000) {
                update(a, 20.0 + Math.random() / 100, 20.0);
            }
            List<JsonNode> after = viewer.locations().stream()
                    .filter(f -> Instant.parse(f.path("sentAt").asText()).isAfter(blockedAt.plusSeconds(1))).toList();
            assertThat(after).isEmpty();
            assertThat(http.get("/v1/location/live", b.token()).json().path("items")).isEmpty();
        }
    }

    @Test
    void badUpdatesAndSharesAreRefusedNamingTheField() {
        User a = stack.register("bad");
        User stranger = stack.register("stranger");
        var r = http.post("/v1/location", Map.of("lat", 91, "lon", 0), a.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("lat");
        r = http.post("/v1/location/shares", Map.of("userIds", List.of(stranger.id()), "durationMinutes", 60,
                "precision", "exact"), a.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("userIds");
        r = http.post("/v1/location/shares", Map.of("userIds", List.of(stranger.id()), "durationMinutes", 5,
                "precision", "exact"), a.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("durationMinutes");
        assertThat(http.post("/v1/location", Map.of("lat", 1, "lon", 1), null).status()).isEqualTo(401);
    }

    @Test
    void aForwardedBatchIsAnsweredUpdateByUpdateOnTheIntakeThread() {
        User a = stack.register("batch");
        User b = stack.register("batchview");
        stack.befriend(a, b);
        share(a, List.of(b), "exact");
        var client = new NatsServiceClient(geo.service().infra().nats().connection(), Duration.ofSeconds(5));
        var results = client.call(GeoContract.LOCATIONS, new GeoContract.LocationBatch(List.of(
                new GeoContract.LocationUpdate(a.id(), 48.1, 11.5, 5.0, null, Instant.now().toString()),
                new GeoContract.LocationUpdate(a.id(), 91.0, 11.5, null, null, null),
                new GeoContract.LocationUpdate("not-an-id", 48.1, 11.5, null, null, null)))).results();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).error() == null || results.get(0).error().isNull()).as("taken").isTrue();
        assertThat(results.get(1).error().toString()).contains("lat");
        assertThat(results.get(2).error().toString()).contains("userId");
        Await.until(Duration.ofSeconds(5), "the batch's update is live", () -> {
            for (JsonNode item : http.get("/v1/location/live", b.token()).json().path("items")) {
                if (item.path("userId").asText().equals(a.id()) && item.path("lat").asDouble() == 48.1) {
                    return true;
                }
            }
            return false;
        });
        assertThatThrownBy(() -> client.call(GeoContract.LOCATIONS, new GeoContract.LocationBatch(null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        var raw = geo.service().infra().nats().connection();
        assertThat(raw.requestWithTimeout(GeoContract.LOCATIONS.subject(), "{nope".getBytes(), Duration.ofSeconds(5))
                .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().getHeaders()
                .getFirst(io.nats.service.ServiceMessage.NATS_SERVICE_ERROR_CODE)).isEqualTo("400");
    }

    private static void invalidate(User owner) {
        geo.service().infra().nats().connection().publish("tangle.rt.geo-shares." + owner.id(), owner.id().getBytes());
    }
}
