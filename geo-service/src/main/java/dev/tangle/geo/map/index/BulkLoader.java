package dev.tangle.geo.map.index;

import java.util.Collection;

import dev.tangle.geo.map.index.MapItem.Audience;

/**
 * Builds an empty index from many items at once: store them, radix-sort all (code, slot) pairs once, cut that
 * order into per-author, per-group and public lists, then build each pyramid level in one linear pass (a cell is
 * a run of equal prefixes; distinct authors counted with a last-seen stamp per author).
 */
final class BulkLoader {

    private final MapIndex index;
    private final ItemStore store;

    BulkLoader(MapIndex index) {
        this.index = index;
        this.store = index.store;
    }

    void load(Collection<MapItem> items) {
        int n = items.size();
        store.reserve(n);
        int[] slots = new int[n];
        int i = 0;
        for (MapItem item : items) {
            int author = index.users.intern(item.authorId());
            int group = item.groupId() == null ? -1 : index.groups.intern(item.groupId());
            slots[i++] = store.add(item, author, group);
        }
        long[] codes = new long[n];
        for (int j = 0; j < n; j++) {
            codes[j] = store.code[slots[j]];
        }
        radixSort(codes, slots, n);
        byKey(codes, slots, n, index.byAuthor, index.users.size(), s -> store.author[s]);
        byKey(codes, slots, n, index.byGroup, index.groups.size(),
                s -> store.audience[s] == Audience.GROUP.ordinal() ? store.group[s] : -1);
        int pub = 0;
        long[] pubCodes = new long[n];
        int[] pubSlots = new int[n];
        for (int j = 0; j < n; j++) {
            if (store.audience[slots[j]] == Audience.PUBLIC.ordinal()) {
                pubCodes[pub] = codes[j];
                pubSlots[pub++] = slots[j];
            }
        }
        index.publicItems.load(pubCodes, pubSlots, pub);
        int[] lastSeen = new int[index.users.size()];
        for (int z = 0; z <= index.pyramidMaxZoom; z++) {
            buildLevel(z, pubCodes, pubSlots, pub, lastSeen);
        }
    }

    private void buildLevel(int zoom, long[] codes, int[] slots, int n, int[] lastSeen) {
        int level = zoom + MapIndex.LEVEL_OFFSET;
        int cells = 0;
        long previous = -1;
        for (int j = 0; j < n; j++) {
            long p = Mercator.prefix(codes[j], level);
            if (p != previous) {
                cells++;
                previous = p;
            }
        }
        CellMap map = new CellMap(cells);
        index.pyramid[zoom] = map;
        java.util.Arrays.fill(lastSeen, -1);
        previous = -1;
        int cell = -1;
        int ordinal = 0;
        for (int j = 0; j < n; j++) {
            long p = Mercator.prefix(codes[j], level);
            if (p != previous) {
                cell = map.slot(p);
                previous = p;
                ordinal++;
            }
            int s = slots[j];
            int rep = map.rep[cell];
            map.add(cell, 1, Mercator.offsetX(codes[j], level), Mercator.offsetY(codes[j], level), s);
            if (rep >= 0 && store.createdAt[rep] > store.createdAt[s]) {
                map.rep[cell] = rep;
            }
            int author = store.author[s];
            if (lastSeen[author] != ordinal) {
                lastSeen[author] = ordinal;
                map.distinct[cell]++;
            }
        }
    }

    /** Cuts the sorted pairs into one list per key (stable counting sort); key -1 means "in no list". */
    private static void byKey(long[] codes, int[] slots, int n, java.util.List<SortedCodes> lists, int keys,
                              java.util.function.IntUnaryOperator keyOf) {
        int[] start = new int[keys + 1];
        for (int j = 0; j < n; j++) {
            int key = keyOf.applyAsInt(slots[j]);
            if (key >= 0) {
                start[key + 1]++;
            }
        }
        for (int key = 0; key < keys; key++) {
            start[key + 1] += start[key];
        }
        long[] c = new long[start[keys]];
        int[] s = new int[start[keys]];
        int[] at = start.clone();
        for (int j = 0; j < n; j++) {
            int key = keyOf.applyAsInt(slots[j]);
            if (key >= 0) {
                c[at[key]] = codes[j];
                s[at[key]++] = slots[j];
            }
        }
        for (int key = 0; key < keys; key++) {
            int len = start[key + 1] - start[key];
            if (len > 0) {
                SortedCodes list = MapIndex.list(lists, key);
                long[] cc = java.util.Arrays.copyOfRange(c, start[key], start[key + 1]);
                int[] ss = java.util.Arrays.copyOfRange(s, start[key], start[key + 1]);
                list.load(cc, ss, len);
            }
        }
    }

    /** LSD radix sort of 48-bit codes with their slots, 16 bits a pass; stable. */
    private static void radixSort(long[] codes, int[] slots, int n) {
        long[] c2 = new long[n];
        int[] s2 = new int[n];
        int[] counts = new int[1 << 16];
        for (int shift = 0; shift < 2 * Mercator.BITS; shift += 16) {
            java.util.Arrays.fill(counts, 0);
            for (int j = 0; j < n; j++) {
                counts[(int) (codes[j] >>> shift) & 0xFFFF]++;
            }
            int sum = 0;
            for (int b = 0; b < counts.length; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int j = 0; j < n; j++) {
                int b = (int) (codes[j] >>> shift) & 0xFFFF;
                int to = counts[b]++;
                c2[to] = codes[j];
                s2[to] = slots[j];
            }
            System.arraycopy(c2, 0, codes, 0, n);
            System.arraycopy(s2, 0, slots, 0, n);
        }
    }
}
