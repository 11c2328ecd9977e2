package dev.tangle.geo.map.index;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-viewer, per-zoom world-wide totals of the viewer's own, friends' and groups' layers (and of the public items
 * to take out of the pyramid), for zooms up to {@value #MAX_ZOOM} where a viewport holds most of the friends'
 * items: a pan at such a zoom then reads cells instead of walking every friend's items again. An entry is valid
 * while the sum of the change counters of everyone it was built from is unchanged (counters only grow, so an
 * equal sum means no change). Change counters are written under the index's write lock, read under its read lock.
 */
final class PersonalCache {

    static final int MAX_ZOOM = 8;
    private static final int MAX_ENTRIES = 1024;

    /** Built totals and the stamp they were built at. */
    record Entry(Stamp stamp, CellAcc personal, CellAcc excluded) {
    }

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, MergedLayer> merged = new ConcurrentHashMap<>();
    private long[] userVersion = new long[0];
    private long[] groupVersion = new long[0];

    void userChanged(int user) {
        if (user >= userVersion.length) {
            userVersion = Arrays.copyOf(userVersion, Math.max(user + 1, userVersion.length * 3 / 2 + 64));
        }
        userVersion[user]++;
    }

    void groupChanged(int group) {
        if (group >= groupVersion.length) {
            groupVersion = Arrays.copyOf(groupVersion, Math.max(group + 1, groupVersion.length * 3 / 2 + 16));
        }
        groupVersion[group]++;
    }

    /**
     * The change stamp of what a viewer's entries are built from: the viewer's own counter (it moves whenever their
     * friends, blocks or groups change, so the sets are the same while it is) and the sum of the others' counters
     * (which only grow, so with the same sets an equal sum means nothing changed).
     */
    Stamp stamp(int viewer, int[] friends, int[] blocked, int[] groups) {
        long sum = 0;
        for (int f : friends) {
            sum += user(f);
        }
        for (int b : blocked) {
            sum += user(b);
        }
        for (int g : groups) {
            sum += g >= 0 && g < groupVersion.length ? groupVersion[g] : 0;
        }
        return new Stamp(user(viewer), sum);
    }

    record Stamp(long viewer, long others) {
    }

    private long user(int u) {
        return u >= 0 && u < userVersion.length ? userVersion[u] : 0;
    }

    Entry get(int viewer, int zoom, Stamp stamp) {
        Entry e = entries.get(key(viewer, zoom));
        return e != null && e.stamp().equals(stamp) ? e : null;
    }

    void put(int viewer, int zoom, Entry entry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key(viewer, zoom), entry);
    }

    MergedLayer merged(int viewer, Stamp stamp) {
        MergedLayer m = merged.get(viewer);
        return m != null && m.stamp.equals(stamp) ? m : null;
    }

    void putMerged(int viewer, MergedLayer layer) {
        if (merged.size() >= MAX_ENTRIES) {
            merged.clear();
        }
        merged.put(viewer, layer);
    }

    private static long key(int viewer, int zoom) {
        return ((long) viewer << 5) | zoom;
    }
}
