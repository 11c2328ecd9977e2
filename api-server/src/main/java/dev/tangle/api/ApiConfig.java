package dev.tangle.api;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of api-server.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 */
public record ApiConfig(CommonConfig common) {

    public static final String SERVICE = "api-server";

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(CommonConfig.from(settings, SERVICE, 0, "api"));
    }
}
