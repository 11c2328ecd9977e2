package dev.tangle.geo;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;
import dev.tangle.geo.map.MapConfig;

/**
 * Configuration of geo-service.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param map    the memory map ({@code map.*})
 */
public record GeoConfig(CommonConfig common, MapConfig map) {

    public static final String SERVICE = "geo-service";

    public static GeoConfig from(Settings settings) {
        return new GeoConfig(CommonConfig.from(settings, SERVICE, 2, "geo"), MapConfig.from(settings));
    }
}
