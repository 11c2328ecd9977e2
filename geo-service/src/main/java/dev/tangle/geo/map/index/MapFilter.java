package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which items a query wants: kinds and a creation-time window ({@code from} inclusive, {@code to} exclusive).
 *
 * @param kinds the kinds wanted, never empty
 * @param from  earliest creation time, or null
 * @param to    end of the window, or null
 */
public record MapFilter(Set<MapItem.Kind> kinds, Instant from, Instant to) {

    public static final MapFilter ALL = new MapFilter(EnumSet.allOf(MapItem.Kind.class), null, null);

    public MapFilter {
        kinds = kinds.isEmpty() ? EnumSet.allOf(MapItem.Kind.class) : EnumSet.copyOf(kinds);
    }

    /** True when nothing is filtered out, so the precomputed public pyramid answers as it is. */
    public boolean all() {
        return from == null && to == null && kinds.size() == MapItem.Kind.values().length;
    }

    boolean test(byte kind, long createdAtMillis) {
        return kinds.contains(MapItem.Kind.values()[kind])
               && (from == null || createdAtMillis >= from.toEpochMilli())
               && (to == null || createdAtMillis < to.toEpochMilli());
    }
}
