package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.tangle.geo.map.index.MapItem.Audience;
import dev.tangle.geo.map.index.MapItem.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against a brute-force oracle that applies the feed's rules to every item and counts grid cells:
 * random items, friendships, blocks and groups; pyramid and scan paths; bulk load and incremental changes.
 */
class MapIndexTest {

    private static final int K = 3;

    private final Random random = new Random(42);
    private final List<UUID> users = new ArrayList<>();
    private final List<UUID> groups = new ArrayList<>();
    private final Map<UUID, MapItem> items = new HashMap<>();
    private final Set<List<UUID>> friendships = new HashSet<>();
    private final Set<List<UUID>> blocks = new HashSet<>();
    private final Set<List<UUID>> members = new HashSet<>();

    @Test
    void bulkLoadedAndIncrementalIndexesAnswerLikeTheOracle() {
        world(40, 3000);
        MapIndex bulk = new MapIndex(K, 12);
        bulk.load(items.values());
        MapIndex incremental = new MapIndex(K, 12);
        items.values().forEach(incremental::put);
        applySocial(bulk);
        applySocial(incremental);
        compareMany(bulk, 300, MapFilter.ALL);
        compareMany(incremental, 300, MapFilter.ALL);
    }

    @Test
    void filtersAndZoomsAboveThePyramidUseTheScanPathWithTheSameRules() {
        world(30, 2000);
        MapIndex index = new MapIndex(K, 6);
        index.load(items.values());
        applySocial(index);
        compareMany(index, 300, MapFilter.ALL);
        Instant mid = Instant.parse("2025-06-01T00:00:00Z");
        compareMany(index, 200, new MapFilter(EnumSet.of(Kind.POST), mid, null));
        compareMany(index, 200, new MapFilter(EnumSet.allOf(Kind.class), null, mid));
    }

    @Test
    void removalsAndSocialChangesShowOnTheNextQuery() {
        world(30, 2000);
        MapIndex index = new MapIndex(K, 10);
        index.load(items.values());
        applySocial(index);
        compareMany(index, 300, MapFilter.ALL);
        List<UUID> ids = new ArrayList<>(items.keySet());
        for (int i = 0; i < 700; i++) {
            MapItem gone = items.remove(ids.get(i));
            assertThat(index.remove(gone.kind(), gone.id())).isTrue();
        }
        for (int i = 0; i < 40; i++) {
            UUID a = pick(users);
            UUID b = pick(users);
            if (a.equals(b)) {
                continue;
            }
            List<UUID> pair = List.of(a, b);
            if (friendships.remove(pair)) {
                index.setFriend(a, b, false);
            } else {
                friendships.add(pair);
                index.setFriend(a, b, true);
            }
            if (!a.equals(b) && blocks.add(List.of(b, a))) {
                index.setBlock(b, a, true);
            }
        }
        for (int i = 0; i < 300; i++) {
            MapItem item = randomItem();
            items.put(item.id(), item);
            index.put(item);
        }
        compareMany(index, 300, MapFilter.ALL);
    }

    @Test
    void aStrangersDenseSpotNeverShowsWithoutKAuthors() {
        UUID viewer = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        MapIndex index = new MapIndex(K, 16);
        for (int i = 0; i < 500; i++) {
            index.put(new MapItem(Kind.POST, UUID.randomUUID(), stranger, Audience.PUBLIC, null, 48.8584, 2.2945,
                    Instant.now(), null));
        }
        for (int z = 0; z <= 20; z++) {
            MapView view = index.view(viewer, new BBox(-180, -85, 180, 85), z, MapFilter.ALL);
            assertThat(view.clusters()).as("zoom " + z).isEmpty();
            assertThat(view.items()).isEmpty();
        }
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        index.put(new MapItem(Kind.POST, UUID.randomUUID(), second, Audience.PUBLIC, null, 48.86, 2.35, Instant.now(), null));
        index.put(new MapItem(Kind.POST, UUID.randomUUID(), third, Audience.PUBLIC, null, 48.85, 2.30, Instant.now(), null));
        MapView world = index.view(viewer, new BBox(-180, -85, 180, 85), 2, MapFilter.ALL);
        assertThat(world.clusters()).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(502));
        MapView street = index.view(viewer, new BBox(2.28, 48.85, 2.31, 48.87), 16, MapFilter.ALL);
        assertThat(street.clusters()).isEmpty();
        index.setFriend(viewer, stranger, true);
        MapView asFriend = index.view(viewer, new BBox(2.28, 48.85, 2.31, 48.87), 16, MapFilter.ALL);
        assertThat(asFriend.clusters()).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(500));
        CellId id = CellId.parse(asFriend.clusters().getFirst().id()).orElseThrow();
        assertThat(index.clusterItems(viewer, id, MapFilter.ALL)).hasSize(500);
        assertThat(index.expansionZoom(viewer, id, MapFilter.ALL)).contains(20);
    }

    @Test
    void cachedViewsFollowEveryChangeOfTheViewersFriendsAndBlocks() {
        UUID viewer = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        MapIndex index = new MapIndex(K, 16);
        index.setFriend(viewer, friend, true);
        UUID first = UUID.randomUUID();
        index.put(new MapItem(Kind.POST, first, friend, Audience.FRIENDS, null, 48.85, 2.35, Instant.now(), null));
        BBox world = new BBox(-180, -85, 180, 85);
        BBox paris = new BBox(2.3, 48.8, 2.4, 48.9);
        for (int zoom : new int[] {2, 12}) {
            BBox box = zoom == 2 ? world : paris;
            assertThat(index.view(viewer, box, zoom, MapFilter.ALL).items()).extracting(MapView.Item::id).containsExactly(first);
        }
        UUID second = UUID.randomUUID();
        index.put(new MapItem(Kind.POST, second, friend, Audience.FRIENDS, null, -33.86, 151.21, Instant.now(), null));
        assertThat(index.view(viewer, world, 2, MapFilter.ALL).items()).extracting(MapView.Item::id)
                .containsExactlyInAnyOrder(first, second);
        index.setFriend(viewer, friend, false);
        assertThat(index.view(viewer, world, 2, MapFilter.ALL).items()).isEmpty();
        assertThat(index.view(viewer, paris, 12, MapFilter.ALL).items()).isEmpty();
        index.setFriend(viewer, friend, true);
        assertThat(index.view(viewer, paris, 12, MapFilter.ALL).items()).extracting(MapView.Item::id).containsExactly(first);
        index.setBlock(friend, viewer, true);
        assertThat(index.view(viewer, paris, 12, MapFilter.ALL).items()).isEmpty();
        assertThat(index.view(viewer, world, 2, MapFilter.ALL).items()).isEmpty();
    }

    @Test
    void aBboxAcrossTheAntimeridianSeesBothSides() {
        UUID viewer = UUID.randomUUID();
        MapIndex index = new MapIndex(K, 16);
        index.put(new MapItem(Kind.POST, UUID.randomUUID(), viewer, Audience.PRIVATE, null, -17.7, 178.4, Instant.now(), null));
        index.put(new MapItem(Kind.MEDIA, UUID.randomUUID(), viewer, Audience.PRIVATE, null, -14.3, -170.7, Instant.now(), null));
        index.put(new MapItem(Kind.POST, UUID.randomUUID(), viewer, Audience.PRIVATE, null, 0, 0, Instant.now(), null));
        MapView view = index.view(viewer, new BBox(170, -30, -160, 0), 5, MapFilter.ALL);
        assertThat(view.items()).extracting(MapView.Item::lon).containsExactlyInAnyOrder(178.4, -170.7);
        MapView mediaOnly = index.view(viewer, new BBox(170, -30, -160, 0), 5, new MapFilter(EnumSet.of(Kind.MEDIA), null, null));
        assertThat(mediaOnly.items()).extracting(MapView.Item::kind).containsExactly(Kind.MEDIA);
    }

    // --- oracle ---------------------------------------------------------------------------------------------

    private void compareMany(MapIndex index, int queries, MapFilter filter) {
        for (int q = 0; q < queries; q++) {
            UUID viewer = random.nextInt(10) == 0 ? UUID.randomUUID() : pick(users);
            int zoom = random.nextInt(MapIndex.MAX_ZOOM + 1);
            BBox box = randomBox(zoom);
            MapView view = index.view(viewer, box, zoom, filter);
            Map<String, Integer> got = new TreeMap<>();
            view.clusters().forEach(c -> got.put(c.id(), c.count()));
            view.items().forEach(i -> got.put(cellOf(i.lat(), i.lon(), zoom) + "!" + i.id(), 1));
            assertThat(got).as("viewer query %d at zoom %d over %s", q, zoom, box).isEqualTo(oracle(viewer, box, zoom, filter));
        }
    }

    private Map<String, Integer> oracle(UUID viewer, BBox box, int zoom, MapFilter filter) {
        Map<String, List<MapItem>> mine = new TreeMap<>();
        Map<String, List<MapItem>> theirs = new TreeMap<>();
        for (MapItem item : items.values()) {
            if (!filter.test((byte) item.kind().ordinal(), item.createdAt().toEpochMilli()) || !touches(box, item, zoom)) {
                continue;
            }
            String cell = cellOf(item.lat(), item.lon(), zoom);
            if (sees(viewer, item)) {
                mine.computeIfAbsent(cell, c -> new ArrayList<>()).add(item);
            } else if (stranger(viewer, item)) {
                theirs.computeIfAbsent(cell, c -> new ArrayList<>()).add(item);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        Set<String> cells = new HashSet<>(mine.keySet());
        cells.addAll(theirs.keySet());
        for (String cell : cells) {
            List<MapItem> m = mine.getOrDefault(cell, List.of());
            List<MapItem> t = theirs.getOrDefault(cell, List.of());
            boolean anonymous = t.stream().map(MapItem::authorId).distinct().count() >= K;
            int count = m.size() + (anonymous ? t.size() : 0);
            if (count == 1 && m.size() == 1) {
                expected.put(cell + "!" + m.getFirst().id(), 1);
            } else if (count > 0) {
                expected.put(cell, count);
            }
        }
        return expected;
    }

    private boolean sees(UUID viewer, MapItem item) {
        UUID author = item.authorId();
        if (author.equals(viewer)) {
            return true;
        }
        if (blocks.contains(List.of(viewer, author)) || blocks.contains(List.of(author, viewer))) {
            return false;
        }
        boolean friend = friendships.contains(List.of(viewer, author));
        return switch (item.audience()) {
            case PUBLIC, FRIENDS -> friend;
            case PRIVATE -> false;
            case GROUP -> members.contains(List.of(viewer, item.groupId()));
        };
    }

    private boolean stranger(UUID viewer, MapItem item) {
        UUID author = item.authorId();
        return item.audience() == Audience.PUBLIC && !author.equals(viewer)
               && !friendships.contains(List.of(viewer, author))
               && !blocks.contains(List.of(viewer, author)) && !blocks.contains(List.of(author, viewer));
    }

    private static boolean touches(BBox box, MapItem item, int zoom) {
        int level = zoom + MapIndex.LEVEL_OFFSET;
        int x = Mercator.cell(Mercator.x(item.lon()), level);
        int y = Mercator.cell(Mercator.y(item.lat()), level);
        for (CellRect r : CellRect.of(box, level)) {
            if (x >= r.x0() && x <= r.x1() && y >= r.y0() && y <= r.y1()) {
                return true;
            }
        }
        return false;
    }

    static String cellOf(double lat, double lon, int zoom) {
        int level = zoom + MapIndex.LEVEL_OFFSET;
        return new CellId(zoom, Mercator.cell(Mercator.x(lon), level), Mercator.cell(Mercator.y(lat), level)).wire();
    }

    // --- random world ----------------------------------------------------------------------------------------

    private void world(int userCount, int itemCount) {
        for (int i = 0; i < userCount; i++) {
            users.add(UUID.randomUUID());
        }
        for (int i = 0; i < 4; i++) {
            groups.add(UUID.randomUUID());
        }
        for (int i = 0; i < userCount * 3; i++) {
            UUID a = pick(users);
            UUID b = pick(users);
            if (!a.equals(b)) {
                friendships.add(List.of(a, b));
                friendships.add(List.of(b, a));
            }
        }
        for (int i = 0; i < userCount / 4; i++) {
            UUID a = pick(users);
            UUID b = pick(users);
            if (!a.equals(b)) {
                blocks.add(List.of(a, b));
            }
        }
        for (UUID user : users) {
            for (UUID group : groups) {
                if (random.nextInt(3) == 0) {
                    members.add(List.of(user, group));
                }
            }
        }
        for (int i = 0; i < itemCount; i++) {
            MapItem item = randomItem();
            items.put(item.id(), item);
        }
    }

    private MapItem randomItem() {
        Audience audience = Audience.values()[random.nextInt(4)];
        double[][] spots = {{48.8584, 2.2945}, {40.7128, -74.006}, {-33.86, 151.21}, {35.68, 139.69}};
        double lat;
        double lon;
        if (random.nextBoolean()) {
            double[] spot = spots[random.nextInt(spots.length)];
            double spread = random.nextInt(4) == 0 ? 0 : 0.5;
            lat = spot[0] + random.nextGaussian() * spread;
            lon = spot[1] + random.nextGaussian() * spread;
        } else {
            lat = random.nextDouble() * 170 - 85;
            lon = random.nextDouble() * 360 - 180;
        }
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86400));
        return new MapItem(Kind.values()[random.nextInt(2)], UUID.randomUUID(), pick(users), audience,
                audience == Audience.GROUP ? pick(groups) : null, lat, Math.max(-180, Math.min(180, lon)), created, null);
    }

    private void applySocial(MapIndex index) {
        friendships.forEach(p -> index.setFriend(p.get(0), p.get(1), true));
        blocks.forEach(p -> index.setBlock(p.get(0), p.get(1), true));
        members.forEach(p -> index.setMember(p.get(1), p.get(0), true));
    }

    private BBox randomBox(int zoom) {
        double span = 360.0 / (1 << zoom) * (0.5 + random.nextDouble() * 4);
        double west = random.nextDouble() * 360 - 180;
        double east = west + Math.min(span, 359);
        if (east > 180) {
            east -= 360;
        }
        double south = random.nextDouble() * 170 - 85;
        double north = Math.min(85, south + Math.min(170, span / 2));
        if (random.nextInt(3) == 0) {
            double[] spot = {48.8584, 2.2945};
            return new BBox(Math.max(-180, spot[1] - span / 2), Math.max(-85, spot[0] - span / 4),
                    Math.min(180, spot[1] + span / 2), Math.min(85, spot[0] + span / 4));
        }
        return new BBox(west, south, east, north);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
