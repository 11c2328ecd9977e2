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

    private static final int P = MapItem.Audience.PUBLIC.ordinal();
    private static final int F = MapItem.Audience.FRIENDS.ordinal();

    /** Collects the layers of {@code viewer} (friends and blocked already cleaned) from the index's lists. */
    static MergedLayer build(MapIndex index, int viewer, int[] friends, int[] blocked, int[] groups,
                             PersonalCache.Stamp stamp) {
        int[] n = {0};
        long[][] codes = {new long[256]};
        int[][] slots = {new int[256]};
        byte[][] flags = {new byte[256]};
        class Sink {
            void put(long code, int s, byte f) {
                if (n[0] == codes[0].length) {
                    codes[0] = Arrays.copyOf(codes[0], n[0] * 2);
                    slots[0] = Arrays.copyOf(slots[0], n[0] * 2);
                    flags[0] = Arrays.copyOf(flags[0], n[0] * 2);
                }
                codes[0][n[0]] = code;
                slots[0][n[0]] = s;
                flags[0][n[0]++] = f;
            }
        }
        Sink out = new Sink();
        all(author(index, viewer), (code, s) -> out.put(code, s, (byte) (VISIBLE
                | (index.store.audience[s] == P ? EXCLUDED : 0))));
        for (int f : friends) {
            all(author(index, f), (code, s) -> {
                int audience = index.store.audience[s];
                if (audience == P) {
                    out.put(code, s, (byte) (VISIBLE | EXCLUDED));
                } else if (audience == F) {
                    out.put(code, s, VISIBLE);
                }
            });
        }
        for (int g : groups) {
            all(g < index.byGroup.size() ? index.byGroup.get(g) : null, (code, s) -> {
                int author = index.store.author[s];
                if (author != viewer && java.util.Arrays.binarySearch(blocked, author) < 0) {
                    out.put(code, s, VISIBLE);
                }
            });
        }
        for (int b : blocked) {
            all(author(index, b), (code, s) -> {
                if (index.store.audience[s] == P) {
                    out.put(code, s, EXCLUDED);
                }
            });
        }
        return of(stamp, codes[0], slots[0], flags[0], n[0]);
    }

    private interface Entry {
        void accept(long code, int slot);
    }

    private static void all(SortedCodes list, Entry entry) {
        if (list != null) {
            list.forRange(Long.MIN_VALUE, Long.MAX_VALUE, (code, s) -> {
                entry.accept(code, s);
                return true;
            });
        }
    }


    private static SortedCodes author(MapIndex index, int user) {
        return user >= 0 && user < index.byAuthor.size() ? index.byAuthor.get(user) : null;
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
