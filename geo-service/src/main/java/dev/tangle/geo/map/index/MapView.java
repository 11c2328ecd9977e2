package dev.tangle.geo.map.index;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one viewer sees in a viewport at a zoom: clusters (two or more visible items, or any strangers' items)
 * and single items.
 */
public record MapView(List<Cluster> clusters, List<Item> items) {

    /** A cluster: id, weighted centre, count and a representative item. */
    public record Cluster(String id, double lat, double lon, int count, UUID previewPostId, UUID previewMediaId) {
    }

    /** One item as a viewer sees it. */
    public record Item(MapItem.Kind kind, UUID id, double lat, double lon, UUID authorId, Instant createdAt,
                       UUID previewPostId, UUID previewMediaId) {
    }
}
