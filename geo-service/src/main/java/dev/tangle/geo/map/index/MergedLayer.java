package dev.tangle.geo.map.index;

import java.util.Arrays;
import java.util.List;

/**
 * One viewer's layers merged into one code-ordered list: every item they may see (flag {@link #VISIBLE}: own,
 * friends' public and friends-only, their groups') and every public item to take out of the pyramid (flag
 * {@link #EXCLUDED}: own, friends' and blocked users' public items). Built once per viewer and change stamp
 * (see {@link PersonalCache}), so a query at a fine zoom makes a few binary searches instead of one per friend.
 */
final class MergedLayer {

    static final byte VISIBLE = 1;
    static final byte EXCLUDED = 2;

    final PersonalCache.Stamp stamp;
    final long[] codes;
    final int[] slots;
    final byte[] flags;

    private MergedLayer(PersonalCache.Stamp stamp, long[] codes, int[] slots, byte[] flags) {
        this.stamp = stamp;
        this.codes = codes;
        this.slots = slots;
        this.flags = flags;
    }

    /** Sorts the collected (code, slot, flag) entries by code. */
    static MergedLayer of(PersonalCache.Stamp stamp, long[] codes, int[] slots, byte[] flags, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> codes[a] != codes[b] ? Long.compare(codes[a], codes[b]) : Integer.compare(slots[a], slots[b]));
        long[] c = new long[n];
        int[] s = new int[n];
        byte[] f = new byte[n];
        for (int i = 0; i < n; i++) {
            c[i] = codes[order[i]];
            s[i] = slots[order[i]];
            f[i] = flags[order[i]];
        }
        return new MergedLayer(stamp, c, s, f);
    }

    interface Visitor {
        void visit(int slot, byte flags);
    }

    /** Visits every entry whose code lies in one of the ranges. */
    void forRanges(List<long[]> ranges, Visitor visitor) {
        for (long[] r : ranges) {
            int i = lowerBound(r[0]);
            for (; i < codes.length && codes[i] <= r[1]; i++) {
                visitor.visit(slots[i], flags[i]);
            }
        }
    }

    private int lowerBound(long code) {
        int lo = 0;
        int hi = codes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (codes[mid] < code) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
