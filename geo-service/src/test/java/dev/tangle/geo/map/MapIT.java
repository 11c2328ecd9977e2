package dev.tangle.geo.map;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.test.TestInfra;
import dev.tangle.geo.map.MapStack.User;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory map through the real event path: api-server REST → outbox → TANGLE_EVENTS → geo-service. */
class MapIT {

    private static final String PARIS = "2.2,48.8,2.4,48.9";
    private static MapStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new MapStack();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void friendsOnlyPostShowsForFriendsNotOthersABlockHidesBothWaysADeleteRemoves() {
        User author = stack.register("author");
        User friend = stack.register("friend");
        User other = stack.register("other");
        stack.befriend(author, friend);
        String warmUp = stack.post(author, "private", 10, 10, null);
        stack.awaitView(author, "9,9,11,11", 12, "the stack is warm", v -> MapStack.itemIds(v).contains(warmUp));
        long before = System.nanoTime();
        String post = stack.post(author, "friends", 48.8584, 2.2945, null);
        stack.awaitView(friend, PARIS, 12, "friend sees the friends-only post",
                v -> MapStack.itemIds(v).contains(post));
        long visibleAfterMs = (System.nanoTime() - before) / 1_000_000;
        System.out.println("memory map: a new post was visible to a friend " + visibleAfterMs + " ms after its POST");
        assertThat(visibleAfterMs).as("a new post is on the map within 1 s").isLessThan(1000);
        assertThat(MapStack.itemIds(stack.view(author, PARIS, 12))).contains(post);
        JsonNode stranger = stack.view(other, PARIS, 12);
        assertThat(MapStack.itemIds(stranger)).doesNotContain(post);
        assertThat(stranger.path("clusters")).isEmpty();

        String friendsPost = stack.post(friend, "friends", 48.87, 2.35, null);
        stack.awaitView(author, PARIS, 12, "author sees the friend's post", v -> MapStack.itemIds(v).contains(friendsPost));
        stack.block(friend, author);
        stack.awaitView(friend, PARIS, 12, "the blocker no longer sees the blocked author's post",
                v -> !MapStack.itemIds(v).contains(post));
        stack.awaitView(author, PARIS, 12, "the blocked author no longer sees the blocker's post",
                v -> !MapStack.itemIds(v).contains(friendsPost));

        stack.deletePost(author, post);
        stack.awaitView(author, PARIS, 12, "a deleted post leaves the map", v -> !MapStack.itemIds(v).contains(post));
    }

    @Test
    void groupPostsShowForMembersOnlyAndClustersExpand() {
        User owner = stack.register("gowner");
        User member = stack.register("gmember");
        User outsider = stack.register("goutsider");
        var group = stack.apiHttp.post("/v1/groups", Map.of("name", "hikers", "visibility", "private"), owner.token());
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().path("id").asText();
        assertThat(stack.apiHttp.post("/v1/groups/" + groupId + "/members", Map.of("userId", member.id()), owner.token()).status())
                .isEqualTo(201);
        String a = stack.post(owner, "group", 45.8326, 6.8652, groupId);
        String b = stack.post(owner, "group", 45.8330, 6.8660, groupId);
        String alps = "6.5,45.5,7.2,46.1";
        JsonNode seen = stack.awaitView(member, alps, 5, "the member sees the group's cluster",
                v -> v.path("clusters").size() == 1 && v.path("clusters").get(0).path("count").asInt() == 2);
        String clusterId = seen.path("clusters").get(0).path("id").asText();
        assertThat(stack.view(outsider, alps, 5).path("clusters")).isEmpty();

        var items = stack.geoHttp.get("/v1/map/clusters/" + clusterId + "/items?limit=1", member.token());
        assertThat(items.status()).as(items.toString()).isEqualTo(200);
        assertThat(items.json().path("items")).hasSize(1);
        String next = items.json().path("nextCursor").asText();
        var page2 = stack.geoHttp.get("/v1/map/clusters/" + clusterId + "/items?limit=1&cursor=" + next, member.token());
        assertThat(List.of(items.json().path("items").get(0).path("id").asText(), page2.json().path("items").get(0).path("id").asText()))
                .containsExactlyInAnyOrder(a, b);
        assertThat(page2.json().path("nextCursor").isNull()).isTrue();
        var zoom = stack.geoHttp.get("/v1/map/clusters/" + clusterId + "/zoom", member.token());
        assertThat(zoom.json().path("zoom").asInt()).isGreaterThan(5);
        assertThat(stack.geoHttp.get("/v1/map/clusters/" + clusterId + "/items", outsider.token()).status()).isEqualTo(404);
    }

    @Test
    void mediaEventsPutPhotosOnTheMapWithTheirPostsAudience() throws Exception {
        User owner = stack.register("mowner");
        User friend = stack.register("mfriend");
        stack.befriend(owner, friend);
        UUID media = UUID.randomUUID();
        publish("tangle.evt.media." + media + ".ready", "tangle.media.ready", media,
                Map.of("mediaId", media.toString(), "ownerId", owner.id(), "kind", "image", "contentType", "image/jpeg",
                        "location", Map.of("lat", 41.8902, "lon", 12.4922)));
        String rome = "12.3,41.8,12.6,42.0";
        stack.awaitView(owner, rome, 14, "the owner sees their photo", v -> MapStack.itemIds(v).contains(media.toString()));
        assertThat(MapStack.itemIds(stack.view(friend, rome, 14))).doesNotContain(media.toString());

        UUID post = UUID.randomUUID();
        Map<String, Object> data = new HashMap<>();
        data.put("postId", post.toString());
        data.put("authorId", owner.id());
        data.put("visibility", "friends");
        data.put("groupId", null);
        data.put("createdAt", Instant.now().toString());
        data.put("editedAt", null);
        data.put("location", null);
        data.put("mediaIds", List.of(media.toString()));
        data.put("text", "colosseum");
        data.put("format", "plain");
        publish("tangle.evt.post." + post + ".created", "tangle.post.created", post, data);
        JsonNode seen = stack.awaitView(friend, rome, 14, "a friend sees the photo once its post is friends-only",
                v -> MapStack.itemIds(v).contains(media.toString()));
        JsonNode item = seen.path("items").get(0);
        assertThat(item.path("kind").asText()).isEqualTo("media");
        assertThat(item.path("preview").path("postId").asText()).isEqualTo(post.toString());

        publish("tangle.evt.media." + media + ".deleted", "tangle.media.deleted", media, Map.of("mediaId", media.toString(), "ownerId", owner.id()));
        stack.awaitView(owner, rome, 14, "a deleted photo leaves the map", v -> !MapStack.itemIds(v).contains(media.toString()));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        User user = stack.register("bad");
        for (String[] c : new String[][] {
                {"/v1/map?zoom=3", "bbox"}, {"/v1/map?bbox=1,2,3&zoom=3", "bbox"}, {"/v1/map?bbox=0,50,10,40&zoom=3", "bbox"},
                {"/v1/map?bbox=0,0,200,10&zoom=3", "bbox"}, {"/v1/map?bbox=a,0,1,1&zoom=3", "bbox"},
                {"/v1/map?bbox=0,0,1,1", "zoom"}, {"/v1/map?bbox=0,0,1,1&zoom=21", "zoom"}, {"/v1/map?bbox=0,0,1,1&zoom=x", "zoom"},
                {"/v1/map?bbox=0,0,1,1&zoom=2&kinds=video", "kinds"}, {"/v1/map?bbox=0,0,1,1&zoom=2&from=yesterday", "from"},
                {"/v1/map/clusters/nope/items", "id"}, {"/v1/map/clusters/3.1.1/items?cursor=%21%21", "cursor"},
                {"/v1/map/clusters/99.1.1/zoom", "id"}}) {
            var response = stack.geoHttp.get(c[0], user.token());
            assertThat(response.status()).as(c[0] + " " + response).isEqualTo(400);
            assertThat(response.json().path("code").asText()).isEqualTo("validation_failed");
            assertThat(response.json().path("detail").asText()).as(c[0]).startsWith(c[1] + ":");
        }
        assertThat(stack.geoHttp.get("/v1/map?bbox=0,0,1,1&zoom=2", null).status()).isEqualTo(401);
    }

    @Test
    void restartResumesFromTheTablesAndARebuildFromTheStreamGivesTheSameMap() throws Exception {
        User a = stack.register("ra");
        User b = stack.register("rb");
        stack.befriend(a, b);
        String p1 = stack.post(a, "friends", 59.3293, 18.0686, null);
        String p2 = stack.post(b, "public", 59.3326, 18.0649, null);
        String p3 = stack.post(a, "private", 59.3300, 18.0700, null);
        String stockholm = "17.9,59.2,18.2,59.4";
        JsonNode asB = stack.awaitView(b, stockholm, 10, "b sees both",
                v -> v.path("clusters").size() == 1 && v.path("clusters").get(0).path("count").asInt() == 2);
        JsonNode asA = stack.awaitView(a, stockholm, 10, "a sees three",
                v -> v.path("clusters").size() == 1 && v.path("clusters").get(0).path("count").asInt() == 3);
        assertThat(List.of(p1, p2, p3)).doesNotHaveDuplicates();

        stack.stopGeo();
        stack.startGeo();
        assertThat(stack.view(b, stockholm, 10)).as("restart: loaded from the tables").isEqualTo(asB);

        stack.stopGeo();
        try (Connection c = DriverManager.getConnection(stack.geoEnv.get("TANGLE_DB_URL"), stack.geoEnv.get("TANGLE_DB_USER"), "");
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE geo.map_items, geo.map_friends, geo.map_blocks, geo.map_group_members");
        }
        try (var nats = Nats.connect(TestInfra.nats().url())) {
            for (String domain : MapEventConsumer.DOMAINS) {
                nats.jetStreamManagement().deleteConsumer(Streams.EVENTS, MapEventConsumer.DURABLE_PREFIX + domain);
            }
        }
        stack.startGeo();
        stack.awaitView(a, stockholm, 10, "rebuilt from the stream's start", v -> v.equals(asA));
        stack.awaitView(b, stockholm, 10, "rebuilt for b too", v -> v.equals(asB));
    }

    @Test
    void strangersNeverShowWithFewerThanKAuthorsOver10000RandomBboxes() throws Exception {
        User viewer = stack.register("kviewer");
        User tempting = stack.register("ktempting");
        User second = stack.register("ksecond");
        User third = stack.register("kthird");
        User far = stack.register("kfar");
        for (int i = 0; i < 40; i++) {
            stack.post(tempting, "public", -22.9519, -43.2105, null);
        }
        stack.post(tempting, "public", -22.9711, -43.1822, null);
        for (int i = 0; i < 4; i++) {
            stack.post(second, "public", -22.9068 + i * 0.01, -43.1729, null);
        }
        stack.post(third, "public", -22.8832, -43.1034, null);
        stack.post(third, "public", -23.5505, -46.6333, null);
        String last = stack.post(far, "public", -3.1190, -60.0217, null);
        stack.awaitView(far, "-61,-4,-59,-2", 10, "the last post arrived", v -> MapStack.itemIds(v).contains(last));

        record Pub(String author, double lat, double lon) {
        }
        List<Pub> pubs = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.geoEnv.get("TANGLE_DB_URL"), stack.geoEnv.get("TANGLE_DB_USER"), "");
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT author_id, lat, lon FROM geo.map_items WHERE kind = 'post' AND NOT deleted"
                                     + " AND visibility = 'public' AND lat IS NOT NULL")) {
            while (rs.next()) {
                pubs.add(new Pub(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
            }
        }
        java.util.Random random = new java.util.Random(16);
        int clustersSeen = 0;
        for (int q = 0; q < 10_000; q++) {
            int zoom = random.nextInt(21);
            double span = 360.0 / (1 << zoom) * (0.05 + random.nextDouble() * 3);
            double lon = random.nextInt(10) < 7 ? -43.2105 + random.nextGaussian() * span : random.nextDouble() * 360 - 180;
            double lat = random.nextInt(10) < 7 ? -22.9519 + random.nextGaussian() * span / 2 : random.nextDouble() * 160 - 80;
            lat = Math.max(-85, Math.min(85, lat));
            double west = wrap(lon - span / 2);
            double east = wrap(lon + span / 2);
            double south = Math.max(-90, lat - span / 4);
            double north = Math.min(90, lat + span / 4);
            String bbox = west + "," + south + "," + east + "," + north;
            JsonNode view = stack.view(viewer, bbox, zoom);
            assertThat(view.path("items")).as("a stranger's item alone at %s z%d", bbox, zoom).isEmpty();
            for (JsonNode cluster : view.path("clusters")) {
                clustersSeen++;
                String id = cluster.path("id").asText();
                List<Pub> inCell = pubs.stream().filter(p -> cellOf(p.lat(), p.lon(), zoom).equals(id)).toList();
                assertThat(inCell.stream().map(Pub::author).distinct().count()).as("authors in %s", id).isGreaterThanOrEqualTo(3);
                assertThat(cluster.path("count").asInt()).as("count of %s", id).isEqualTo(inCell.size());
            }
        }
        assertThat(clustersSeen).as("some bboxes did show anonymous clusters").isPositive();
    }

    private static double wrap(double lon) {
        double w = ((lon + 180) % 360 + 360) % 360 - 180;
        return Math.max(-180, Math.min(180, w));
    }

    private static String cellOf(double lat, double lon, int zoom) {
        int level = zoom + dev.tangle.geo.map.index.MapIndex.LEVEL_OFFSET;
        return zoom + "." + dev.tangle.geo.map.index.Mercator.cell(dev.tangle.geo.map.index.Mercator.x(lon), level) + "."
               + dev.tangle.geo.map.index.Mercator.cell(dev.tangle.geo.map.index.Mercator.y(lat), level);
    }

    private static void publish(String subject, String type, UUID entity, Object data) throws Exception {
        Map<String, Object> envelope = new HashMap<>();
        String id = UUID.randomUUID().toString();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", "/tangle/test");
        envelope.put("type", type);
        envelope.put("subject", entity.toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        try (var nats = Nats.connect(TestInfra.nats().url())) {
            Headers headers = new Headers().add("Nats-Msg-Id", id);
            PublishAck ack = nats.jetStream().publish(NatsMessage.builder().subject(subject).headers(headers)
                    .data(Json.write(envelope)).build());
            assertThat(ack.getSeqno()).isPositive();
        }
    }
}
