package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.geo.map.index.MapItem.Audience;
import dev.tangle.geo.map.index.MapItem.Kind;

/**
 * One viewer's query over the index, under its read lock. The viewer's own layer (all their items), friends'
 * layers (public and friends-only items), group layers (group items of their groups) and the strangers' part of
 * the public pyramid are aggregated per cell and merged; see {@link MapIndex}.
 */
final class ViewQuery {

    private static final int PUBLIC = Audience.PUBLIC.ordinal();
    private static final int FRIENDS = Audience.FRIENDS.ordinal();
    private static final int GROUP = Audience.GROUP.ordinal();

    private final MapIndex index;
    private final ItemStore store;
    private final int viewer;
    private final int zoom;
    private final int level;
    private final MapFilter filter;
    private final int[] friends;
    private final int[] blocked;
    private final int[] groups;
    private final boolean pyramidPath;

    ViewQuery(MapIndex index, UUID viewerId, int zoom, MapFilter filter) {
        this.index = index;
        this.store = index.store;
        this.viewer = index.users.find(viewerId);
        this.zoom = zoom;
        this.level = zoom + MapIndex.LEVEL_OFFSET;
        this.filter = filter;
        this.blocked = Arrays.stream(index.social.blockedEither(viewer)).filter(b -> b != viewer).toArray();
        this.friends = Arrays.stream(index.social.friends(viewer)).filter(f -> f != viewer && !contains(blocked, f)).toArray();
        this.groups = index.social.groups(viewer);
        this.pyramidPath = filter.all() && zoom <= index.pyramidMaxZoom;
    }

    /** Per-cell running totals of one part (personal, excluded or strangers). */
    private static final class Acc {
        int count;
        double sumX;
        double sumY;
        int rep = -1;
        long repTime = Long.MIN_VALUE;
        int distinct;
        int lastAuthor = -1;
        int[] authors;
        List<Integer> slots;

        void add(ItemStore store, int s, int lvl) {
            count++;
            sumX += Mercator.offsetX(store.code[s], lvl);
            sumY += Mercator.offsetY(store.code[s], lvl);
            if (store.createdAt[s] > repTime) {
                repTime = store.createdAt[s];
                rep = s;
            }
        }
    }

    MapView view(BBox box) {
        Map<Long, Acc> personal = new HashMap<>();
        Map<Long, Acc> excluded = new HashMap<>();
        Map<Long, Acc> strangers = new HashMap<>();
        List<CellRect> rects = CellRect.of(box, level);
        for (CellRect rect : rects) {
            collect(rect, personal, excluded, strangers, false);
        }
        List<MapView.Cluster> clusters = new ArrayList<>();
        List<MapView.Item> items = new ArrayList<>();
        Map<Long, Acc> cells = new java.util.TreeMap<>(personal);
        strangers.forEach((p, a) -> cells.putIfAbsent(p, null));
        for (Map.Entry<Long, Acc> e : cells.entrySet()) {
            long prefix = e.getKey();
            Acc mine = e.getValue();
            Acc theirs = strangers.get(prefix);
            int count = (mine == null ? 0 : mine.count) + (theirs == null ? 0 : theirs.count);
            if (theirs == null && mine.count == 1) {
                items.add(item(mine.rep, false, 0, 0));
                continue;
            }
            double sx = (mine == null ? 0 : mine.sumX) + (theirs == null ? 0 : theirs.sumX);
            double sy = (mine == null ? 0 : mine.sumY) + (theirs == null ? 0 : theirs.sumY);
            int rep = mine != null ? mine.rep : strangerRep(prefix, theirs.rep);
            clusters.add(cluster(prefix, count, sx, sy, rep));
        }
        return new MapView(clusters, items);
    }

    /** Fills the parts for one rectangle; with {@code keepSlots} every counted slot is kept (cluster listings). */
    private void collect(CellRect rect, Map<Long, Acc> personal, Map<Long, Acc> excluded, Map<Long, Acc> strangers,
                         boolean keepSlots) {
        List<long[]> ranges = rect.cover();
        boolean usePyramid = pyramidPath && !keepSlots;
        if (viewer >= 0) {
            walk(authorList(viewer), ranges, rect, (s, p) -> {
                if (filter.test(store.kind[s], store.createdAt[s])) {
                    count(personal, p, s, keepSlots);
                }
                if (usePyramid && store.audience[s] == PUBLIC) {
                    excludedAdd(excluded, p, s);
                }
            });
        }
        for (int f : friends) {
            walk(authorList(f), ranges, rect, (s, p) -> {
                int audience = store.audience[s];
                if ((audience == PUBLIC || audience == FRIENDS) && filter.test(store.kind[s], store.createdAt[s])) {
                    count(personal, p, s, keepSlots);
                }
                if (usePyramid && audience == PUBLIC) {
                    excludedAdd(excluded, p, s);
                }
            });
        }
        for (int g : groups) {
            SortedCodes list = g < index.byGroup.size() ? index.byGroup.get(g) : null;
            walk(list, ranges, rect, (s, p) -> {
                int author = store.author[s];
                if (author != viewer && !contains(blocked, author) && filter.test(store.kind[s], store.createdAt[s])) {
                    count(personal, p, s, keepSlots);
                }
            });
        }
        if (usePyramid) {
            for (int b : blocked) {
                walk(authorList(b), ranges, rect, (s, p) -> {
                    if (store.audience[s] == PUBLIC) {
                        excludedAdd(excluded, p, s);
                    }
                });
            }
            strangersFromPyramid(rect, excluded, strangers);
        } else {
            strangersByScan(ranges, rect, strangers, keepSlots);
        }
    }

    private void count(Map<Long, Acc> part, long prefix, int s, boolean keepSlots) {
        Acc a = acc(part, prefix, keepSlots);
        a.add(store, s, level);
        if (keepSlots) {
            a.slots.add(s);
        }
    }

    private Acc acc(Map<Long, Acc> part, long prefix, boolean keepSlots) {
        Acc a = part.computeIfAbsent(prefix, p -> new Acc());
        if (keepSlots && a.slots == null) {
            a.slots = new ArrayList<>();
        }
        return a;
    }

    private void excludedAdd(Map<Long, Acc> excluded, long prefix, int s) {
        Acc a = excluded.computeIfAbsent(prefix, p -> new Acc());
        a.add(store, s, level);
        if (a.lastAuthor != store.author[s]) {
            a.lastAuthor = store.author[s];
            a.distinct++;
        }
    }

    private void strangersFromPyramid(CellRect rect, Map<Long, Acc> excluded, Map<Long, Acc> strangers) {
        CellMap map = index.pyramid[zoom];
        if (rect.cells() <= 4L * map.live() + 64) {
            for (int y = rect.y0(); y <= rect.y1(); y++) {
                for (int x = rect.x0(); x <= rect.x1(); x++) {
                    long prefix = Mercator.interleave(x, y);
                    int cell = map.find(prefix);
                    if (cell >= 0 && map.count[cell] > 0) {
                        strangerCell(map, cell, prefix, excluded.get(prefix), strangers);
                    }
                }
            }
        } else {
            for (int cell = 0; cell < map.capacity(); cell++) {
                long prefix = map.keys[cell];
                if (prefix >= 0 && map.count[cell] > 0 && rect.contains(prefix)) {
                    strangerCell(map, cell, prefix, excluded.get(prefix), strangers);
                }
            }
        }
    }

    private void strangerCell(CellMap map, int cell, long prefix, Acc ex, Map<Long, Acc> strangers) {
        int distinct = map.distinct[cell] - (ex == null ? 0 : ex.distinct);
        if (distinct < index.k) {
            return;
        }
        Acc a = new Acc();
        a.count = map.count[cell] - (ex == null ? 0 : ex.count);
        a.sumX = map.sumX[cell] - (ex == null ? 0 : ex.sumX);
        a.sumY = map.sumY[cell] - (ex == null ? 0 : ex.sumY);
        a.distinct = distinct;
        a.rep = map.rep[cell];
        strangers.put(prefix, a);
    }

    private void strangersByScan(List<long[]> ranges, CellRect rect, Map<Long, Acc> strangers, boolean keepSlots) {
        Map<Long, Acc> all = new HashMap<>();
        walk(index.publicItems, ranges, rect, (s, p) -> {
            int author = store.author[s];
            if (author == viewer || contains(friends, author) || contains(blocked, author)
                || !filter.test(store.kind[s], store.createdAt[s])) {
                return;
            }
            Acc a = acc(all, p, keepSlots);
            a.add(store, s, level);
            if (keepSlots) {
                a.slots.add(s);
            }
            if (a.distinct < index.k) {
                if (a.authors == null) {
                    a.authors = new int[index.k];
                }
                boolean seen = false;
                for (int i = 0; i < a.distinct; i++) {
                    seen |= a.authors[i] == author;
                }
                if (!seen) {
                    a.authors[a.distinct++] = author;
                }
            }
        });
        all.forEach((p, a) -> {
            if (a.distinct >= index.k) {
                strangers.put(p, a);
            }
        });
    }

    private interface SlotVisitor {
        void visit(int slot, long prefix);
    }

    private SortedCodes authorList(int user) {
        return user < index.byAuthor.size() ? index.byAuthor.get(user) : null;
    }

    private void walk(SortedCodes list, List<long[]> ranges, CellRect rect, SlotVisitor visitor) {
        if (list == null || list.size() == 0) {
            return;
        }
        for (long[] r : ranges) {
            list.forRange(r[0], r[1], (code, s) -> {
                long p = Mercator.prefix(code, level);
                if (rect.contains(p)) {
                    visitor.visit(s, p);
                }
                return true;
            });
        }
    }

    /** The pyramid's representative if still valid for this viewer, else the first valid public item in the cell. */
    private int strangerRep(long prefix, int candidate) {
        if (validStranger(candidate, prefix)) {
            return candidate;
        }
        int[] found = {-1};
        int[] seen = {0};
        index.publicItems.forRange(Mercator.rangeStart(prefix, level), Mercator.rangeEnd(prefix, level), (c, s) -> {
            if (validStranger(s, prefix)) {
                found[0] = s;
                return false;
            }
            return ++seen[0] < 256;
        });
        return found[0];
    }

    private boolean validStranger(int s, long prefix) {
        return s >= 0 && store.alive[s] && store.audience[s] == PUBLIC && !contains(blocked, store.author[s])
               && Mercator.prefix(store.code[s], level) == prefix && filter.test(store.kind[s], store.createdAt[s]);
    }

    private MapView.Cluster cluster(long prefix, int count, double sumX, double sumY, int rep) {
        double n = 1 << level;
        double x = (Mercator.cellX(prefix) + sumX / count) / n;
        double y = (Mercator.cellY(prefix) + sumY / count) / n;
        UUID[] preview = rep < 0 ? new UUID[2] : preview(rep);
        return new MapView.Cluster(CellId.of(zoom, prefix).wire(), Mercator.lat(y), Mercator.lon(x), count,
                preview[0], preview[1]);
    }

    private UUID[] preview(int s) {
        UUID id = store.id(s);
        UUID other = store.other(s);
        return store.kind[s] == Kind.POST.ordinal() ? new UUID[] {id, other} : new UUID[] {other, id};
    }

    /** An item as the viewer sees it; a stranger's item in a listing shows the cluster's centre, not its own. */
    private MapView.Item item(int s, boolean stranger, double lat, double lon) {
        UUID[] preview = preview(s);
        return new MapView.Item(Kind.values()[store.kind[s]], store.id(s), stranger ? lat : store.lat[s],
                stranger ? lon : store.lon[s], index.users.id(store.author[s]),
                Instant.ofEpochMilli(store.createdAt[s]), preview[0], preview[1]);
    }

    List<MapView.Item> cellItems(CellId cell) {
        Map<Long, Acc> personal = new HashMap<>();
        Map<Long, Acc> strangers = new HashMap<>();
        collectSlots(CellRect.single(level, cell.x(), cell.y()), personal, strangers);
        Acc mine = personal.get(cell.prefix());
        Acc theirs = strangers.get(cell.prefix());
        List<MapView.Item> out = new ArrayList<>();
        if (mine != null) {
            mine.slots.forEach(s -> out.add(item(s, false, 0, 0)));
        }
        if (theirs != null) {
            int count = theirs.count + (mine == null ? 0 : mine.count);
            double sx = theirs.sumX + (mine == null ? 0 : mine.sumX);
            double sy = theirs.sumY + (mine == null ? 0 : mine.sumY);
            MapView.Cluster centre = cluster(cell.prefix(), count, sx, sy, -1);
            theirs.slots.forEach(s -> out.add(item(s, true, centre.lat(), centre.lon())));
        }
        out.sort(Comparator.comparing(MapView.Item::createdAt).thenComparing(MapView.Item::id).reversed());
        return out;
    }

    Optional<Integer> expansionZoom(CellId cell) {
        Map<Long, Acc> personal = new HashMap<>();
        Map<Long, Acc> strangers = new HashMap<>();
        collectSlots(CellRect.single(level, cell.x(), cell.y()), personal, strangers);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Acc a : List.of(personal.getOrDefault(cell.prefix(), new Acc()), strangers.getOrDefault(cell.prefix(), new Acc()))) {
            if (a.slots != null) {
                for (int s : a.slots) {
                    min = Math.min(min, store.code[s]);
                    max = Math.max(max, store.code[s]);
                }
            }
        }
        if (min == Long.MAX_VALUE) {
            return Optional.empty();
        }
        for (int z = zoom + 1; z <= MapIndex.MAX_ZOOM; z++) {
            int l = z + MapIndex.LEVEL_OFFSET;
            if (Mercator.prefix(min, l) != Mercator.prefix(max, l)) {
                return Optional.of(z);
            }
        }
        return Optional.of(MapIndex.MAX_ZOOM);
    }

    private void collectSlots(CellRect rect, Map<Long, Acc> personal, Map<Long, Acc> strangers) {
        collect(rect, personal, new HashMap<>(), strangers, true);
    }

    private static boolean contains(int[] sorted, int value) {
        return sorted.length > 0 && Arrays.binarySearch(sorted, value) >= 0;
    }
}
