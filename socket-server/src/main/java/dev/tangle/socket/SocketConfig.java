package dev.tangle.socket;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of socket-server.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 */
public record SocketConfig(CommonConfig common) {

    public static final String SERVICE = "socket-server";

    public static SocketConfig from(Settings settings) {
        return new SocketConfig(CommonConfig.from(settings, SERVICE, 1, null));
    }
}
