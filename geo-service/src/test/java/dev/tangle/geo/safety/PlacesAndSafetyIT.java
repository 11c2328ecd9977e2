package dev.tangle.geo.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.geo.Main;
import dev.tangle.geo.support.GeoStack;
import dev.tangle.geo.support.GeoStack.User;
import dev.tangle.geo.support.Ws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Places with hysteresis, SOS with escalation and read receipts, and check-ins across a restart. */
class PlacesAndSafetyIT {

    private static GeoStack stack;
    private static Main.Started geo;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        stack = new GeoStack();
        geo = stack.geo("geo-safety-1", Map.of());
        http = new HttpTestClient(geo.service().baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aJitteryWalkAcrossAPlaceEdgeGivesOneArrivalAndOneDeparture() {
        User walker = stack.register("walker");
        User parent = stack.register("parent");
        stack.befriend(walker, parent);
        assertThat(http.post("/v1/location/shares", Map.of("userIds", List.of(parent.id()), "durationMinutes", 60,
                "precision", "exact"), walker.token()).status()).isEqualTo(201);
        var place = http.post("/v1/places", Map.of("name", "School", "lat", 52.0, "lon", 13.0, "radiusM", 200), parent.token());
        assertThat(place.status()).as(place.toString()).isEqualTo(201);
        String placeId = place.json().path("id").asText();
        assertThat(http.put("/v1/places/" + placeId + "/watch", Map.of("userIds", List.of(walker.id())), parent.token())
                .status()).isEqualTo(200);
        try (Ws ws = Ws.connect(stack.socketTwo.baseUrl(), parent.token())) {
            Random random = new Random(11);
            double metresPerDegree = 111_320.0;
            // walk north from 600 m south of the centre to 600 m north, 10 m steps, ±30 m jitter; then back and forth
            // around the edge (200 m) where jitter alone crosses r
            for (int step = -60; step <= -15; step++) {
                walk(walker, step * 10.0, random, metresPerDegree);
            }
            for (int i = 0; i < 100; i++) {
                walk(walker, -200 + (i % 2 == 0 ? 10 : -10), random, metresPerDegree);
            }
            for (int step = -15; step <= 60; step++) {
                walk(walker, step * 10.0, random, metresPerDegree);
            }
            ws.await(Duration.ofSeconds(10), "left", f -> f.path("kind").asText().equals("place.left"));
            // everything sent has been processed (synchronously, min interval 0) before the last response
            assertThat(ws.notifications("place.arrived")).hasSize(1);
            assertThat(ws.notifications("place.left")).hasSize(1);
            JsonNode arrived = ws.notifications("place.arrived").getFirst();
            assertThat(arrived.path("userId").asText()).isEqualTo(walker.id());
            assertThat(arrived.path("placeId").asText()).isEqualTo(placeId);
        }
    }

    private static void walk(User walker, double northM, Random random, double metresPerDegree) {
        double jitterN = (random.nextDouble() * 2 - 1) * 30;
        double jitterE = (random.nextDouble() * 2 - 1) * 30;
        double lat = 52.0 + (northM + jitterN) / metresPerDegree;
        double lon = 13.0 + jitterE / (metresPerDegree * Math.cos(Math.toRadians(52.0)));
        var r = http.post("/v1/location", Map.of("lat", lat, "lon", lon, "accuracyM", 30), walker.token());
        assertThat(r.status()).isEqualTo(204);
    }

    @Test
    void anUnacknowledgedSosEscalatesAndAReadReceiptMarksItSeen() {
        User owner = stack.register("sos");
        User contact = stack.register("contact");
        User friend = stack.register("circle");
        stack.befriend(owner, contact);
        stack.befriend(owner, friend);
        // the friend shares their location with the owner: they are the wider circle
        assertThat(http.post("/v1/location/shares", Map.of("userIds", List.of(owner.id()), "durationMinutes", 60,
                "precision", "approximate"), friend.token()).status()).isEqualTo(201);
        var contacts = http.put("/v1/safety/contacts", Map.of("userIds", List.of(contact.id()), "escalateAfterSeconds", 2),
                owner.token());
        assertThat(contacts.status()).as(contacts.toString()).isEqualTo(200);
        try (Ws atContact = Ws.connect(stack.socketOne.baseUrl(), contact.token());
             Ws atFriend = Ws.connect(stack.socketTwo.baseUrl(), friend.token())) {
            Instant raised = Instant.now();
            var sos = http.post("/v1/safety/sos", Map.of("lat", 40.0, "lon", -3.0, "text", "car broke down"), owner.token());
            assertThat(sos.status()).as(sos.toString()).isEqualTo(201);
            String alertId = sos.json().path("id").asText();
            assertThat(sos.json().path("status").asText()).isEqualTo("active");
            JsonNode note = atContact.await("sos notification", f -> f.path("kind").asText().equals("sos"));
            assertThat(note.path("alertId").asText()).isEqualTo(alertId);
            assertThat(note.path("userId").asText()).isEqualTo(owner.id());
            JsonNode message = atContact.await("the SOS chat message", f -> f.path("type").asText().equals("message")
                                                                             && f.path("message").path("text").asText().startsWith("SOS"));
            // the exact share with the contact started
            update(owner, 40.0001, -3.0001);
            JsonNode pushed = atContact.await("exact location", f -> f.path("type").asText().equals("location"));
            assertThat(pushed.path("precision").asText()).isEqualTo("exact");

            JsonNode escalated = atFriend.await(Duration.ofSeconds(10), "escalation",
                    f -> f.path("kind").asText().equals("sos.escalated"));
            assertThat(escalated.path("alertId").asText()).isEqualTo(alertId);
            assertThat(Duration.between(raised, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

            atContact.send(Map.of("type", "read", "id", "r1", "conversationId", message.path("conversationId").asText(),
                    "seq", message.path("message").path("seq").asLong()));
            Await.until(Duration.ofSeconds(10), "seen", () -> http.get("/v1/safety/alerts/" + alertId, owner.token())
                    .json().path("seen").size() == 1);
            assertThat(http.get("/v1/safety/alerts/" + alertId, owner.token()).json().path("acks")).isEmpty();

            var ack = http.post("/v1/safety/alerts/" + alertId + "/ack", Map.of(), contact.token());
            assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
            assertThat(ack.json().path("acks").get(0).path("userId").asText()).isEqualTo(contact.id());
            assertThat(http.post("/v1/safety/alerts/" + alertId + "/ack", Map.of(), stack.register("nobody").token())
                    .status()).isEqualTo(404);
            var resolved = http.post("/v1/safety/alerts/" + alertId + "/resolve", Map.of(), owner.token());
            assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
            atContact.await("resolved", f -> f.path("kind").asText().equals("sos.resolved"));
        }
    }

    @Test
    void aCheckInMissedWhileGeoServiceRestartsFiresExactlyOnce() {
        User owner = stack.register("hiker");
        User contact = stack.register("base");
        stack.befriend(owner, contact);
        assertThat(http.put("/v1/safety/contacts", Map.of("userIds", List.of(contact.id())), owner.token()).status()).isEqualTo(200);
        Main.Started second = stack.geo("geo-safety-restart", Map.of());
        HttpTestClient secondHttp = new HttpTestClient(second.service().baseUrl());
        update(owner, 46.5, 8.0);
        Instant due = Instant.now().plusSeconds(2);
        var checkin = secondHttp.post("/v1/safety/checkins", Map.of("dueAt", due.toString()), owner.token());
        assertThat(checkin.status()).as(checkin.toString()).isEqualTo(201);
        try (Ws ws = Ws.connect(stack.socketOne.baseUrl(), contact.token())) {
            stack.stopGeo(second.service());
            stack.stopGeo(geo.service());
            Await.until(Duration.ofSeconds(10), "the check-in is overdue", () -> Instant.now().isAfter(due.plusSeconds(1)));
            assertThat(ws.notifications("checkin.missed")).isEmpty();
            Main.Started a = stack.geo("geo-safety-after-1", Map.of());
            Main.Started b = stack.geo("geo-safety-after-2", Map.of());
            geo = a;
            http = new HttpTestClient(a.service().baseUrl());
            JsonNode missed = ws.await(Duration.ofSeconds(10), "checkin.missed", f -> f.path("kind").asText().equals("checkin.missed"));
            assertThat(missed.path("userId").asText()).isEqualTo(owner.id());
            assertThat(missed.path("lastLocation").path("lat").asDouble()).isEqualTo(46.5);
            try {
                Await.until(Duration.ofSeconds(2), "a second checkin.missed", () -> ws.notifications("checkin.missed").size() > 1);
                throw new IllegalStateException("fired twice");
            } catch (AssertionError expected) {
                assertThat(ws.notifications("checkin.missed")).hasSize(1);
            }
            assertThat(b.service().port()).isPositive();
        }
    }

    private static void update(User user, double lat, double lon) {
        assertThat(http.post("/v1/location", Map.of("lat", lat, "lon", lon), user.token()).status()).isEqualTo(204);
    }
}
