package dev.tangle.geo;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of geo-service.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 */
public record GeoConfig(CommonConfig common) {

    public static final String SERVICE = "geo-service";

    public static GeoConfig from(Settings settings) {
        return new GeoConfig(CommonConfig.from(settings, SERVICE, 2, "geo"));
    }
}
