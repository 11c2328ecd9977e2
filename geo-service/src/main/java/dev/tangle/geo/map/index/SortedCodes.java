package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sorted multiset of (code, slot) pairs in blocks of at most {@value #MAX_BLOCK} entries, so an insert or a
 * removal moves at most one block's worth of memory however large the list is, and every grid cell is a
 * contiguous run. Not thread-safe: {@link MapIndex} guards it.
 */
final class SortedCodes {

    static final int MAX_BLOCK = 1024;

    private final List<Block> blocks = new ArrayList<>();
    private int size;

    private static final class Block {
        long[] codes;
        int[] slots;
        int size;

        Block(int capacity) {
            codes = new long[capacity];
            slots = new int[capacity];
        }

        int lowerBound(long code, int slot) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (codes[mid] < code || (codes[mid] == code && slots[mid] < slot)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    int size() {
        return size;
    }

    /** Bulk load from pairs already sorted by (code, slot); the list must be empty. */
    void load(long[] codes, int[] slots, int n) {
        for (int start = 0; start < n; start += MAX_BLOCK / 2) {
            int len = Math.min(MAX_BLOCK / 2, n - start);
            Block b = new Block(len + 8);
            System.arraycopy(codes, start, b.codes, 0, len);
            System.arraycopy(slots, start, b.slots, 0, len);
            b.size = len;
            blocks.add(b);
        }
        size += n;
    }

    void add(long code, int slot) {
        if (blocks.isEmpty()) {
            blocks.add(new Block(4));
        }
        int bi = blockFor(code, slot);
        Block b = blocks.get(bi);
        int at = b.lowerBound(code, slot);
        if (b.size == b.codes.length) {
            int grown = Math.min(MAX_BLOCK, b.codes.length * 2);
            if (grown == b.codes.length) {
                split(bi);
                add(code, slot);
                return;
            }
            b.codes = Arrays.copyOf(b.codes, grown);
            b.slots = Arrays.copyOf(b.slots, grown);
        }
        System.arraycopy(b.codes, at, b.codes, at + 1, b.size - at);
        System.arraycopy(b.slots, at, b.slots, at + 1, b.size - at);
        b.codes[at] = code;
        b.slots[at] = slot;
        b.size++;
        size++;
    }

    boolean remove(long code, int slot) {
        if (blocks.isEmpty()) {
            return false;
        }
        int bi = blockFor(code, slot);
        Block b = blocks.get(bi);
        int at = b.lowerBound(code, slot);
        if (at >= b.size || b.codes[at] != code || b.slots[at] != slot) {
            return false;
        }
        System.arraycopy(b.codes, at + 1, b.codes, at, b.size - at - 1);
        System.arraycopy(b.slots, at + 1, b.slots, at, b.size - at - 1);
        b.size--;
        size--;
        if (b.size == 0 && blocks.size() > 1) {
            blocks.remove(bi);
        }
        return true;
    }

    private void split(int bi) {
        Block b = blocks.get(bi);
        int half = b.size / 2;
        Block right = new Block(MAX_BLOCK);
        System.arraycopy(b.codes, half, right.codes, 0, b.size - half);
        System.arraycopy(b.slots, half, right.slots, 0, b.size - half);
        right.size = b.size - half;
        b.size = half;
        blocks.add(bi + 1, right);
    }

    /** The last block whose first entry is ≤ (code, slot), or the first block. */
    private int blockFor(long code, int slot) {
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            Block m = blocks.get(mid);
            if (m.size > 0 && (m.codes[0] < code || (m.codes[0] == code && m.slots[0] <= slot))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Calls {@code visitor} for every entry with {@code from ≤ code ≤ to}, in order; stops when it returns false. */
    void forRange(long from, long to, Visitor visitor) {
        if (blocks.isEmpty()) {
            return;
        }
        int bi = blockFor(from, Integer.MIN_VALUE);
        for (; bi < blocks.size(); bi++) {
            Block b = blocks.get(bi);
            int i = b.size > 0 && b.codes[0] >= from ? 0 : b.lowerBound(from, Integer.MIN_VALUE);
            for (; i < b.size; i++) {
                long c = b.codes[i];
                if (c > to) {
                    return;
                }
                if (!visitor.visit(c, b.slots[i])) {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    interface Visitor {
        boolean visit(long code, int slot);
    }
}
