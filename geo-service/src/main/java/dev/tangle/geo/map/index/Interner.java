package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Dense int numbers for user and group ids, so the index holds ints, not UUIDs. Not thread-safe. */
final class Interner {

    private final Map<UUID, Integer> numbers = new HashMap<>();
    private final List<UUID> ids = new ArrayList<>();

    int intern(UUID id) {
        Integer n = numbers.get(id);
        if (n != null) {
            return n;
        }
        numbers.put(id, ids.size());
        ids.add(id);
        return ids.size() - 1;
    }

    /** The number of a known id, or -1. */
    int find(UUID id) {
        Integer n = id == null ? null : numbers.get(id);
        return n == null ? -1 : n;
    }

    UUID id(int n) {
        return ids.get(n);
    }

    int size() {
        return ids.size();
    }
}
