package dev.tangle.geo.map;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.error.Problems;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import dev.tangle.geo.map.index.BBox;
import dev.tangle.geo.map.index.CellId;
import dev.tangle.geo.map.index.MapFilter;
import dev.tangle.geo.map.index.MapIndex;
import dev.tangle.geo.map.index.MapView;

/** The memory map's queries for one caller: viewport, a cluster's items (paged), a cluster's expansion zoom. */
public final class MapService {

    private final MapIndex index;

    public MapService(MapIndex index) {
        this.index = index;
    }

    public MapView view(UUID viewer, BBox box, int zoom, MapFilter filter) {
        return index.view(viewer, box, zoom, filter);
    }

    /** Newest first; the cursor is the (createdAt, id) of the last item of the previous page. */
    public Page<MapView.Item> clusterItems(UUID viewer, CellId cell, MapFilter filter, PageRequest page) {
        Optional<List<String>> keys = page.keys(2);
        Instant at = null;
        UUID id = null;
        if (keys.isPresent()) {
            try {
                at = Instant.parse(keys.get().get(0));
                id = UUID.fromString(keys.get().get(1));
            } catch (RuntimeException e) {
                throw Problems.validation("cursor", "is not a valid cursor");
            }
        }
        List<MapView.Item> all = index.clusterItems(viewer, cell, filter);
        if (all.isEmpty()) {
            throw Problems.notFound("Cluster");
        }
        int start = 0;
        while (at != null && start < all.size() && !after(all.get(start), at, id)) {
            start++;
        }
        List<MapView.Item> rest = all.subList(start, Math.min(all.size(), start + page.fetchSize()));
        return Page.of(rest, page, item -> List.of(item.createdAt().toString(), item.id().toString()));
    }

    /** True when {@code item} comes after (createdAt, id) in newest-first order. */
    private static boolean after(MapView.Item item, Instant at, UUID id) {
        int c = item.createdAt().compareTo(at);
        return c < 0 || (c == 0 && item.id().compareTo(id) < 0);
    }

    public int expansionZoom(UUID viewer, CellId cell, MapFilter filter) {
        return index.expansionZoom(viewer, cell, filter).orElseThrow(() -> Problems.notFound("Cluster"));
    }
}
