package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who is whose friend, who blocked whom and who is in which group, by interned user and group numbers, as
 * sorted int arrays per user (copied on change: changes are rare, look-ups are on every query). Not thread-safe.
 */
final class SocialGraph {

    private static final int[] NONE = new int[0];

    private final List<int[]> friends = new ArrayList<>();
    private final List<int[]> blocks = new ArrayList<>();
    private final List<int[]> blockedBy = new ArrayList<>();
    private final List<int[]> groups = new ArrayList<>();

    int[] friends(int user) {
        return get(friends, user);
    }

    int[] groups(int user) {
        return get(groups, user);
    }

    /** Users that {@code user} blocked or that blocked {@code user}, sorted, no duplicates. */
    int[] blockedEither(int user) {
        int[] a = get(blocks, user);
        int[] b = get(blockedBy, user);
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        return Arrays.stream(concat(a, b)).sorted().distinct().toArray();
    }

    boolean isFriend(int user, int other) {
        return Arrays.binarySearch(friends(user), other) >= 0;
    }

    boolean isMember(int user, int group) {
        return Arrays.binarySearch(groups(user), group) >= 0;
    }

    /** One direction of a friendship (the events come once per side). */
    void setFriend(int user, int friend, boolean on) {
        set(friends, user, friend, on);
    }

    void setBlock(int blocker, int blocked, boolean on) {
        set(blocks, blocker, blocked, on);
        set(blockedBy, blocked, blocker, on);
    }

    void setMember(int user, int group, boolean on) {
        set(groups, user, group, on);
    }

    private static int[] get(List<int[]> lists, int user) {
        return user >= 0 && user < lists.size() && lists.get(user) != null ? lists.get(user) : NONE;
    }

    private static void set(List<int[]> lists, int user, int value, boolean on) {
        while (lists.size() <= user) {
            lists.add(null);
        }
        int[] current = get(lists, user);
        int at = Arrays.binarySearch(current, value);
        if (on && at < 0) {
            int ins = -at - 1;
            int[] next = new int[current.length + 1];
            System.arraycopy(current, 0, next, 0, ins);
            next[ins] = value;
            System.arraycopy(current, ins, next, ins + 1, current.length - ins);
            lists.set(user, next);
        } else if (!on && at >= 0) {
            int[] next = new int[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            lists.set(user, next);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
