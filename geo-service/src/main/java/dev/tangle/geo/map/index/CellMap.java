package dev.tangle.geo.map.index;

import java.util.Arrays;

/**
 * One level of the public pyramid: cell (code prefix) → item count, distinct author count, sums of the items'
 * offsets inside the cell (for the centroid) and a representative item slot. Open addressing with linear
 * probing over primitive arrays; a cell that empties keeps its key with count 0 until the next resize.
 */
final class CellMap {

    private static final long EMPTY = -1L;

    long[] keys;
    int[] count;
    int[] distinct;
    float[] sumX;
    float[] sumY;
    int[] rep;
    private int used;
    private int live;

    CellMap(int expected) {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, (int) (expected / 0.7))) * 2));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        count = new int[capacity];
        distinct = new int[capacity];
        sumX = new float[capacity];
        sumY = new float[capacity];
        rep = new int[capacity];
        used = 0;
        live = 0;
    }

    int capacity() {
        return keys.length;
    }

    int live() {
        return live;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Slot of a cell, or -1. */
    int find(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** Slot of a cell, created empty if absent. */
    int slot(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        for (; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                break;
            }
        }
        if (used + 1 > keys.length * 0.7) {
            resize();
            return slot(key);
        }
        keys[i] = key;
        rep[i] = -1;
        used++;
        return i;
    }

    void add(int slot, int delta, double offX, double offY, int item) {
        int before = count[slot];
        count[slot] = before + delta;
        sumX[slot] += (float) (delta * offX);
        sumY[slot] += (float) (delta * offY);
        if (delta > 0) {
            rep[slot] = item;
        }
        if (before == 0 && delta > 0) {
            live++;
        } else if (before + delta == 0) {
            live--;
            sumX[slot] = 0;
            sumY[slot] = 0;
            rep[slot] = -1;
        }
    }

    private void resize() {
        long[] oldKeys = keys;
        int[] oldCount = count;
        int[] oldDistinct = distinct;
        float[] oldX = sumX;
        float[] oldY = sumY;
        int[] oldRep = rep;
        int capacity = oldKeys.length;
        if (live > capacity * 0.35) {
            capacity *= 2;
        }
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == EMPTY || oldCount[j] == 0) {
                continue;
            }
            int i = mix(oldKeys[j]) & mask;
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = oldKeys[j];
            count[i] = oldCount[j];
            distinct[i] = oldDistinct[j];
            sumX[i] = oldX[j];
            sumY[i] = oldY[j];
            rep[i] = oldRep[j];
            used++;
            live++;
        }
    }
}
