package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
    /** Lists up to this size are read over at most 4 covering ranges instead of 16. */
    private static final int SMALL_LIST = 2048;

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
        int[] either = index.social.blockedEither(viewer);
        this.blocked = contains(either, viewer) ? Arrays.stream(either).filter(b -> b != viewer).toArray() : either;
        int[] all = index.social.friends(viewer);
        boolean clean = true;
        for (int f : all) {
            clean &= f != viewer && !contains(blocked, f);
        }
        this.friends = clean ? all : Arrays.stream(all).filter(f -> f != viewer && !contains(blocked, f)).toArray();
        this.groups = index.social.groups(viewer);
        this.pyramidPath = filter.all() && zoom <= index.pyramidMaxZoom;
    }

    /** The three parts of a query, per cell. */
    private record Parts(CellAcc personal, CellAcc excluded, CellAcc strangers) {
    }

    MapView view(BBox box) {
        List<CellRect> rects = CellRect.of(box, level);
        Parts parts;
        boolean cached = pyramidPath && zoom <= PersonalCache.MAX_ZOOM && viewer >= 0;
        if (cached) {
            PersonalCache.Stamp stamp = index.cache.stamp(viewer, friends, blocked, groups);
            PersonalCache.Entry entry = index.cache.get(viewer, zoom, stamp);
            if (entry == null) {
                Parts world = new Parts(new CellAcc(256, false), new CellAcc(256, false), null);
                int n = (1 << level) - 1;
                personalParts(new CellRect(level, 0, 0, n, n), world, false, true);
                entry = new PersonalCache.Entry(stamp, world.personal(), world.excluded());
                index.cache.put(viewer, zoom, entry);
            }
            parts = new Parts(entry.personal(), entry.excluded(), new CellAcc(64, false));
            for (CellRect rect : rects) {
                strangersFromPyramid(rect, parts.excluded(), parts.strangers());
            }
        } else {
            parts = new Parts(new CellAcc(64, false), new CellAcc(64, false), new CellAcc(64, false));
            for (CellRect rect : rects) {
                collect(rect, parts, false);
            }
        }
        CellAcc mine = parts.personal();
        CellAcc theirs = parts.strangers();
        List<MapView.Cluster> clusters = new ArrayList<>();
        List<MapView.Item> items = new ArrayList<>();
        for (int n = 0; n < mine.size; n++) {
            int e = mine.order[n];
            long prefix = mine.keys[e];
            if (cached && !inAny(rects, prefix)) {
                continue;
            }
            int t = theirs.find(prefix);
            if (t < 0 && mine.count[e] == 1) {
                items.add(item(mine.rep[e], false, 0, 0));
                continue;
            }
            int count = mine.count[e] + (t < 0 ? 0 : theirs.count[t]);
            double sx = mine.sumX[e] + (t < 0 ? 0 : theirs.sumX[t]);
            double sy = mine.sumY[e] + (t < 0 ? 0 : theirs.sumY[t]);
            clusters.add(cluster(prefix, count, sx, sy, mine.rep[e]));
        }
        for (int n = 0; n < theirs.size; n++) {
            int t = theirs.order[n];
            long prefix = theirs.keys[t];
            if (mine.find(prefix) < 0) {
                clusters.add(cluster(prefix, theirs.count[t], theirs.sumX[t], theirs.sumY[t], strangerRep(prefix, theirs.rep[t])));
            }
        }
        return new MapView(clusters, items);
    }

    private static boolean inAny(List<CellRect> rects, long prefix) {
        for (CellRect r : rects) {
            if (r.contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Fills the parts for one rectangle; with {@code keepSlots} every counted slot is kept (cluster listings). */
    private void collect(CellRect rect, Parts parts, boolean keepSlots) {
        boolean usePyramid = pyramidPath && !keepSlots;
        personalParts(rect, parts, keepSlots, usePyramid);
        if (usePyramid) {
            strangersFromPyramid(rect, parts.excluded(), parts.strangers());
        } else {
            strangersByScan(rect.cover(), zRange(rect), rect, parts.strangers(), keepSlots);
        }
    }

    /** The ranges small lists are read over: at most 4 aligned cells covering the rectangle, flattened. */
    private long[] zRange(CellRect rect) {
        List<long[]> four = rect.cover(4);
        long[] flat = new long[four.size() * 2];
        for (int i = 0; i < four.size(); i++) {
            flat[2 * i] = four.get(i)[0];
            flat[2 * i + 1] = four.get(i)[1];
        }
        return flat;
    }

    private static List<long[]> small(long[] flat) {
        List<long[]> ranges = new ArrayList<>(flat.length / 2);
        for (int i = 0; i < flat.length; i += 2) {
            ranges.add(new long[] {flat[i], flat[i + 1]});
        }
        return ranges;
    }

    /** Own, friends' and groups' items of a rectangle, and (for the pyramid) the public items to take out of it. */
    private void personalParts(CellRect rect, Parts parts, boolean keepSlots, boolean usePyramid) {
        List<long[]> ranges = rect.cover();
        CellAcc personal = parts.personal();
        CellAcc excluded = parts.excluded();
        if (viewer >= 0 && !keepSlots) {
            merged().forRanges(ranges, (s, flags) -> {
                long p = Mercator.prefix(store.code[s], level);
                if (!rect.contains(p)) {
                    return;
                }
                if ((flags & MergedLayer.VISIBLE) != 0 && filter.test(store.kind[s], store.createdAt[s])) {
                    personal.add(p, s, store.code[s], level, store.createdAt[s], -1);
                }
                if (usePyramid && (flags & MergedLayer.EXCLUDED) != 0) {
                    excluded.addExact(p, s, store.code[s], level, store.createdAt[s], store.author[s]);
                }
            });
            return;
        }
        long[] zRange = zRange(rect);
        if (viewer >= 0) {
            walk(authorList(viewer), ranges, zRange, rect, (s, p) -> {
                if (filter.test(store.kind[s], store.createdAt[s])) {
                    personal.add(p, s, store.code[s], level, store.createdAt[s], viewer);
                }
                if (usePyramid && store.audience[s] == PUBLIC) {
                    excluded.add(p, s, store.code[s], level, store.createdAt[s], viewer);
                }
            });
        }
        for (int f : friends) {
            walk(authorList(f), ranges, zRange, rect, (s, p) -> {
                int audience = store.audience[s];
                if ((audience == PUBLIC || audience == FRIENDS) && filter.test(store.kind[s], store.createdAt[s])) {
                    personal.add(p, s, store.code[s], level, store.createdAt[s], f);
                }
                if (usePyramid && audience == PUBLIC) {
                    excluded.add(p, s, store.code[s], level, store.createdAt[s], f);
                }
            });
        }
        for (int g : groups) {
            SortedCodes list = g < index.byGroup.size() ? index.byGroup.get(g) : null;
            walk(list, ranges, zRange, rect, (s, p) -> {
                int author = store.author[s];
                if (author != viewer && !contains(blocked, author) && filter.test(store.kind[s], store.createdAt[s])) {
                    personal.add(p, s, store.code[s], level, store.createdAt[s], -2 - author);
                }
            });
        }
        if (usePyramid) {
            for (int b : blocked) {
                walk(authorList(b), ranges, zRange, rect, (s, p) -> {
                    if (store.audience[s] == PUBLIC) {
                        excluded.add(p, s, store.code[s], level, store.createdAt[s], b);
                    }
                });
            }
        }
    }

    /** The viewer's merged layer for the current change stamp, built on first use. */
    private MergedLayer merged() {
        PersonalCache.Stamp stamp = index.cache.stamp(viewer, friends, blocked, groups);
        MergedLayer m = index.cache.merged(viewer, stamp);
        if (m != null) {
            return m;
        }
        m = MergedLayer.build(index, viewer, friends, blocked, groups, stamp);
        index.cache.putMerged(viewer, m);
        return m;
    }

    private void strangersFromPyramid(CellRect rect, CellAcc excluded, CellAcc strangers) {
        CellMap map = index.pyramid[zoom];
        if (rect.cells() <= 4L * map.live() + 64) {
            for (int y = rect.y0(); y <= rect.y1(); y++) {
                for (int x = rect.x0(); x <= rect.x1(); x++) {
                    long prefix = Mercator.interleave(x, y);
                    int cell = map.find(prefix);
                    if (cell >= 0 && map.count[cell] > 0) {
                        strangerCell(map, cell, prefix, excluded, strangers);
                    }
                }
            }
        } else {
            for (int cell = 0; cell < map.capacity(); cell++) {
                long prefix = map.keys[cell];
                if (prefix >= 0 && map.count[cell] > 0 && rect.contains(prefix)) {
                    strangerCell(map, cell, prefix, excluded, strangers);
                }
            }
        }
    }

    private void strangerCell(CellMap map, int cell, long prefix, CellAcc excluded, CellAcc strangers) {
        int x = excluded.find(prefix);
        int distinct = map.distinct[cell] - (x < 0 ? 0 : excluded.distinct[x]);
        if (distinct < index.k) {
            return;
        }
        int e = strangers.entry(prefix);
        strangers.count[e] = map.count[cell] - (x < 0 ? 0 : excluded.count[x]);
        strangers.sumX[e] = map.sumX[cell] - (x < 0 ? 0 : excluded.sumX[x]);
        strangers.sumY[e] = map.sumY[cell] - (x < 0 ? 0 : excluded.sumY[x]);
        strangers.distinct[e] = distinct;
        strangers.rep[e] = map.rep[cell];
    }

    private void strangersByScan(List<long[]> ranges, long[] zRange, CellRect rect, CellAcc strangers, boolean keepSlots) {
        CellAcc all = new CellAcc(64, keepSlots);
        List<int[]> authors = new ArrayList<>();
        walk(index.publicItems, ranges, zRange, rect, (s, p) -> {
            int author = store.author[s];
            if (author == viewer || contains(friends, author) || contains(blocked, author)
                || !filter.test(store.kind[s], store.createdAt[s])) {
                return;
            }
            int e = all.add(p, s, store.code[s], level, store.createdAt[s], author);
            if (all.authors == null || all.authors.length != all.keys.length) {
                int[][] grown = new int[all.keys.length][];
                if (all.authors != null) {
                    System.arraycopy(all.authors, 0, grown, 0, Math.min(all.authors.length, grown.length));
                }
                all.authors = grown;
            }
            int[] seen = all.authors[e];
            if (seen == null) {
                all.authors[e] = seen = new int[index.k + 1];
            }
            if (seen[0] < index.k) {
                boolean known = false;
                for (int i = 1; i <= seen[0]; i++) {
                    known |= seen[i] == author;
                }
                if (!known) {
                    seen[++seen[0]] = author;
                }
            }
        });
        for (int n = 0; n < all.size; n++) {
            int e = all.order[n];
            if (all.authors[e][0] >= index.k) {
                int t = strangers.entry(all.keys[e]);
                strangers.count[t] = all.count[e];
                strangers.sumX[t] = all.sumX[e];
                strangers.sumY[t] = all.sumY[e];
                strangers.rep[t] = all.rep[e];
                if (keepSlots) {
                    strangers.slots.set(t, all.slots.get(e));
                }
            }
        }
    }

    private interface SlotVisitor {
        void visit(int slot, long prefix);
    }

    private SortedCodes authorList(int user) {
        return user >= 0 && user < index.byAuthor.size() ? index.byAuthor.get(user) : null;
    }

    private void walk(SortedCodes list, List<long[]> ranges, long[] zRange, CellRect rect, SlotVisitor visitor) {
        if (list == null || list.size() == 0) {
            return;
        }
        SortedCodes.Visitor inRect = (code, s) -> {
            long p = Mercator.prefix(code, level);
            if (rect.contains(p)) {
                visitor.visit(s, p);
            }
            return true;
        };
        if (list.size() <= SMALL_LIST) {
            for (long[] r : zRange.length == 2 ? List.of(zRange) : small(zRange)) {
                list.forRange(r[0], r[1], inRect);
            }
        } else {
            for (long[] r : ranges) {
                list.forRange(r[0], r[1], inRect);
            }
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
        Parts parts = cellParts(cell);
        int m = parts.personal().find(cell.prefix());
        int t = parts.strangers().find(cell.prefix());
        List<MapView.Item> out = new ArrayList<>();
        if (m >= 0) {
            parts.personal().slots.get(m).forEach(s -> out.add(item(s, false, 0, 0)));
        }
        if (t >= 0) {
            CellAcc mine = parts.personal();
            CellAcc theirs = parts.strangers();
            int count = theirs.count[t] + (m < 0 ? 0 : mine.count[m]);
            double sx = theirs.sumX[t] + (m < 0 ? 0 : mine.sumX[m]);
            double sy = theirs.sumY[t] + (m < 0 ? 0 : mine.sumY[m]);
            MapView.Cluster centre = cluster(cell.prefix(), count, sx, sy, -1);
            theirs.slots.get(t).forEach(s -> out.add(item(s, true, centre.lat(), centre.lon())));
        }
        out.sort(Comparator.comparing(MapView.Item::createdAt).thenComparing(MapView.Item::id).reversed());
        return out;
    }

    Optional<Integer> expansionZoom(CellId cell) {
        Parts parts = cellParts(cell);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (CellAcc acc : List.of(parts.personal(), parts.strangers())) {
            int e = acc.find(cell.prefix());
            if (e >= 0) {
                for (int s : acc.slots.get(e)) {
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

    private Parts cellParts(CellId cell) {
        Parts parts = new Parts(new CellAcc(4, true), new CellAcc(4, false), new CellAcc(4, true));
        collect(CellRect.single(level, cell.x(), cell.y()), parts, true);
        return parts;
    }

    private static boolean contains(int[] sorted, int value) {
        return sorted.length > 0 && Arrays.binarySearch(sorted, value) >= 0;
    }
}
