package dev.tangle.geo.map.index;

import java.util.Arrays;
import java.util.UUID;

/**
 * Columnar storage of the indexed items by slot (primitive arrays, no object per item), with a primitive hash
 * from (kind, id) to slot. Freed slots are reused. Not thread-safe: {@link MapIndex} guards it.
 */
final class ItemStore {

    long[] code = new long[0];
    double[] lat = new double[0];
    double[] lon = new double[0];
    long[] createdAt = new long[0];
    int[] author = new int[0];
    int[] group = new int[0];
    byte[] kind = new byte[0];
    byte[] audience = new byte[0];
    long[] idHi = new long[0];
    long[] idLo = new long[0];
    long[] otherHi = new long[0];
    long[] otherLo = new long[0];
    boolean[] alive = new boolean[0];

    private int top;
    private int[] free = new int[16];
    private int freeCount;
    private int[] table = new int[0];
    private int tableUsed;
    private int live;

    int live() {
        return live;
    }

    void reserve(int capacity) {
        if (capacity <= code.length) {
            return;
        }
        code = Arrays.copyOf(code, capacity);
        lat = Arrays.copyOf(lat, capacity);
        lon = Arrays.copyOf(lon, capacity);
        createdAt = Arrays.copyOf(createdAt, capacity);
        author = Arrays.copyOf(author, capacity);
        group = Arrays.copyOf(group, capacity);
        kind = Arrays.copyOf(kind, capacity);
        audience = Arrays.copyOf(audience, capacity);
        idHi = Arrays.copyOf(idHi, capacity);
        idLo = Arrays.copyOf(idLo, capacity);
        otherHi = Arrays.copyOf(otherHi, capacity);
        otherLo = Arrays.copyOf(otherLo, capacity);
        alive = Arrays.copyOf(alive, capacity);
        if (table.length < capacity * 2) {
            rehash(Integer.highestOneBit(capacity) * 4);
        }
    }

    /** A new slot holding {@code item}; the caller has checked that it is not stored yet. */
    int add(MapItem item, int authorIdx, int groupIdx) {
        int s;
        if (freeCount > 0) {
            s = free[--freeCount];
        } else {
            if (top == code.length) {
                reserve(Math.max(1024, code.length * 3 / 2));
            }
            s = top++;
        }
        code[s] = Mercator.code(item.lat(), item.lon());
        lat[s] = item.lat();
        lon[s] = item.lon();
        createdAt[s] = item.createdAtMillis();
        author[s] = authorIdx;
        group[s] = groupIdx;
        kind[s] = (byte) item.kind().ordinal();
        audience[s] = (byte) item.audience().ordinal();
        idHi[s] = item.id().getMostSignificantBits();
        idLo[s] = item.id().getLeastSignificantBits();
        UUID other = item.previewOther();
        otherHi[s] = other == null ? 0 : other.getMostSignificantBits();
        otherLo[s] = other == null ? 0 : other.getLeastSignificantBits();
        alive[s] = true;
        live++;
        if ((tableUsed + 1) * 2 > table.length) {
            rehash(Math.max(1024, table.length * 2));
        }
        insertInTable(s);
        return s;
    }

    void remove(int s) {
        deleteFromTable(s);
        alive[s] = false;
        live--;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = s;
    }

    /** Slot of an item, or -1. */
    int find(MapItem.Kind k, UUID id) {
        if (table.length == 0) {
            return -1;
        }
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        int mask = table.length - 1;
        for (int i = hash(k.ordinal(), hi, lo) & mask; ; i = (i + 1) & mask) {
            int s = table[i];
            if (s < 0) {
                return -1;
            }
            if (idHi[s] == hi && idLo[s] == lo && kind[s] == k.ordinal()) {
                return s;
            }
        }
    }

    UUID id(int s) {
        return new UUID(idHi[s], idLo[s]);
    }

    UUID other(int s) {
        return otherHi[s] == 0 && otherLo[s] == 0 ? null : new UUID(otherHi[s], otherLo[s]);
    }

    private static int hash(int kind, long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ kind;
        return (int) (h ^ (h >>> 31));
    }

    private void insertInTable(int s) {
        int mask = table.length - 1;
        int i = hash(kind[s], idHi[s], idLo[s]) & mask;
        while (table[i] >= 0) {
            i = (i + 1) & mask;
        }
        table[i] = s;
        tableUsed++;
    }

    /** Linear-probing deletion with backward shift, so no tombstones are left. */
    private void deleteFromTable(int s) {
        int mask = table.length - 1;
        int i = hash(kind[s], idHi[s], idLo[s]) & mask;
        while (table[i] != s) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int t = table[j];
            if (t < 0) {
                break;
            }
            int home = hash(kind[t], idHi[t], idLo[t]) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                table[i] = t;
                i = j;
            }
        }
        table[i] = -1;
        tableUsed--;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        Arrays.fill(table, -1);
        tableUsed = 0;
        for (int s = 0; s < top; s++) {
            if (alive[s]) {
                insertInTable(s);
            }
        }
    }
}
