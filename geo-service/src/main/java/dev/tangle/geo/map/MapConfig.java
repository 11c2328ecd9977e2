package dev.tangle.geo.map;

import java.time.Duration;

import dev.tangle.common.config.Settings;
import dev.tangle.geo.map.index.MapIndex;

/**
 * Configuration of the memory map.
 *
 * @param k              distinct strangers a cluster of strangers' public items needs ({@code map.k-anonymity},
 *                       default 3)
 * @param pyramidMaxZoom highest zoom kept precomputed in the public pyramid ({@code map.pyramid-max-zoom},
 *                       default 16); above it strangers' cells are counted per query
 * @param followInterval how often the index reads changed rows ({@code map.follow-interval}, default 200ms)
 */
public record MapConfig(int k, int pyramidMaxZoom, Duration followInterval) {

    public static MapConfig from(Settings s) {
        return new MapConfig(s.integer("map.k-anonymity", 3, 1, 1000),
                s.integer("map.pyramid-max-zoom", 16, 0, MapIndex.MAX_ZOOM),
                s.duration("map.follow-interval", Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(5)));
    }
}
