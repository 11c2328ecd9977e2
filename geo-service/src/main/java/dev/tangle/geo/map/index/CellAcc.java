package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-query running totals per cell (count, offset sums, newest item, distinct authors), in primitive arrays
 * keyed by cell prefix with open addressing, so a query over thousands of items allocates almost nothing.
 */
final class CellAcc {

    private static final long EMPTY = -1L;

    long[] keys;
    int[] count;
    double[] sumX;
    double[] sumY;
    int[] rep;
    long[] repTime;
    int[] distinct;
    int[] lastAuthor;
    /** Insertion order of the used entries. */
    int[] order;
    int size;
    List<List<Integer>> slots;
    int[][] authors;
    private final boolean keepSlots;

    CellAcc(int expected, boolean keepSlots) {
        this.keepSlots = keepSlots;
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, expected)) * 4));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        count = new int[capacity];
        sumX = new double[capacity];
        sumY = new double[capacity];
        rep = new int[capacity];
        repTime = new long[capacity];
        distinct = new int[capacity];
        lastAuthor = new int[capacity];
        order = new int[capacity];
        size = 0;
        if (keepSlots) {
            slots = new ArrayList<>(capacity);
            for (int i = 0; i < capacity; i++) {
                slots.add(null);
            }
        }
        authors = null;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    int find(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    int entry(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        for (; keys[i] != EMPTY; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            return entry(key);
        }
        keys[i] = key;
        rep[i] = -1;
        repTime[i] = Long.MIN_VALUE;
        lastAuthor[i] = -1;
        order[size++] = i;
        return i;
    }

    /** Counts item {@code s} (at {@code code}, by {@code author}, created {@code at}) in the cell {@code key}. */
    int add(long key, int s, long code, int level, long at, int author) {
        int e = entry(key);
        accumulate(e, s, code, level, at);
        if (lastAuthor[e] != author) {
            lastAuthor[e] = author;
            distinct[e]++;
        }
        if (keepSlots) {
            List<Integer> list = slots.get(e);
            if (list == null) {
                slots.set(e, list = new ArrayList<>());
            }
            list.add(s);
        }
        return e;
    }

    /** The count, the position sums and the newest item (the cluster's representative) of entry {@code e}. */
    private void accumulate(int e, int s, long code, int level, long at) {
        count[e]++;
        sumX[e] += Mercator.offsetX(code, level);
        sumY[e] += Mercator.offsetY(code, level);
        if (at > repTime[e]) {
            repTime[e] = at;
            rep[e] = s;
        }
    }

    /** As {@link #add} but counting distinct authors exactly, for entries not grouped by author. */
    void addExact(long key, int s, long code, int level, long at, int author) {
        int e = entry(key);
        if (authors == null) {
            authors = new int[keys.length][];
        }
        accumulate(e, s, code, level, at);
        int[] set = authors[e];
        if (set == null) {
            authors[e] = set = new int[5];
        }
        for (int i = 1; i <= set[0]; i++) {
            if (set[i] == author) {
                return;
            }
        }
        if (set[0] + 1 == set.length) {
            authors[e] = set = Arrays.copyOf(set, set.length * 2);
        }
        set[++set[0]] = author;
        distinct[e]++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCount = count;
        double[] oldX = sumX;
        double[] oldY = sumY;
        int[] oldRep = rep;
        long[] oldTime = repTime;
        int[] oldDistinct = distinct;
        int[] oldLast = lastAuthor;
        int[] oldOrder = order;
        int oldSize = size;
        List<List<Integer>> oldSlots = slots;
        int[][] oldAuthors = authors;
        allocate(oldKeys.length * 2);
        if (oldAuthors != null) {
            authors = new int[keys.length][];
        }
        for (int n = 0; n < oldSize; n++) {
            int o = oldOrder[n];
            int e = entry(oldKeys[o]);
            count[e] = oldCount[o];
            sumX[e] = oldX[o];
            sumY[e] = oldY[o];
            rep[e] = oldRep[o];
            repTime[e] = oldTime[o];
            distinct[e] = oldDistinct[o];
            lastAuthor[e] = oldLast[o];
            if (oldSlots != null) {
                slots.set(e, oldSlots.get(o));
            }
            if (oldAuthors != null) {
                authors[e] = oldAuthors[o];
            }
        }
    }
}
