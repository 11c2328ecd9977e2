package dev.tangle.geo.map.index;

import java.util.Arrays;

/**
 * Who is whose friend, who blocked whom and who is in which group, by interned user and group numbers: one sorted
 * int array with spare room per user and relation, so a change moves at most one user's entries and a query
 * reads (a copy of) one array. Not thread-safe: {@link MapIndex} guards it.
 */
final class SocialGraph {

    private static final int[] NONE = new int[0];

    private final Relation friends = new Relation();
    private final Relation blocks = new Relation();
    private final Relation blockedBy = new Relation();
    private final Relation groups = new Relation();

    /** One relation: per user a sorted array of the other side. */
    private static final class Relation {
        private int[][] values = new int[0][];
        private int[] sizes = new int[0];

        int[] get(int user) {
            return user >= 0 && user < values.length && sizes[user] > 0 ? Arrays.copyOf(values[user], sizes[user]) : NONE;
        }

        boolean has(int user, int value) {
            return user >= 0 && user < values.length && values[user] != null
                   && Arrays.binarySearch(values[user], 0, sizes[user], value) >= 0;
        }

        void set(int user, int value, boolean on) {
            if (user >= values.length) {
                int n = Math.max(user + 1, values.length * 3 / 2 + 16);
                values = Arrays.copyOf(values, n);
                sizes = Arrays.copyOf(sizes, n);
            }
            int[] a = values[user] == null ? NONE : values[user];
            int size = sizes[user];
            int at = Arrays.binarySearch(a, 0, size, value);
            if (on && at < 0) {
                int ins = -at - 1;
                if (size == a.length) {
                    a = Arrays.copyOf(a, Math.max(4, size * 2));
                }
                System.arraycopy(a, ins, a, ins + 1, size - ins);
                a[ins] = value;
                values[user] = a;
                sizes[user] = size + 1;
            } else if (!on && at >= 0) {
                System.arraycopy(a, at + 1, a, at, size - at - 1);
                sizes[user] = size - 1;
            }
        }
    }

    int[] friends(int user) {
        return friends.get(user);
    }

    int[] groups(int user) {
        return groups.get(user);
    }

    /** Users that {@code user} blocked or that blocked {@code user}, sorted, no duplicates. */
    int[] blockedEither(int user) {
        int[] a = blocks.get(user);
        int[] b = blockedBy.get(user);
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return Arrays.stream(r).sorted().distinct().toArray();
    }

    boolean isFriend(int user, int other) {
        return friends.has(user, other);
    }

    boolean isMember(int user, int group) {
        return groups.has(user, group);
    }

    /** One direction of a friendship (the events come once per side). */
    void setFriend(int user, int friend, boolean on) {
        friends.set(user, friend, on);
    }

    void setBlock(int blocker, int blocked, boolean on) {
        blocks.set(blocker, blocked, on);
        blockedBy.set(blocked, blocker, on);
    }

    void setMember(int user, int group, boolean on) {
        groups.set(user, group, on);
    }
}
