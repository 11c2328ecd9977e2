package dev.tangle.media;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of media-service.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 */
public record MediaConfig(CommonConfig common) {

    public static final String SERVICE = "media-service";

    public static MediaConfig from(Settings settings) {
        return new MediaConfig(CommonConfig.from(settings, SERVICE, 3, "media"));
    }
}
