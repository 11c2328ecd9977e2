package dev.tangle.socket;

import dev.tangle.common.auth.AuthConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;
import dev.tangle.socket.session.WsSettings;

/**
 * Configuration of socket-server.
 *
 * @param common the keys every service shares (ports, NATS, shutdown); no PostgreSQL
 * @param jwt    how access tokens are verified (api-server's JWKS)
 * @param ws     WebSocket limits and timings
 */
public record SocketConfig(CommonConfig common, AuthConfig jwt, WsSettings ws) {

    public static final String SERVICE = "socket-server";

    public static SocketConfig from(Settings settings) {
        return new SocketConfig(CommonConfig.from(settings, SERVICE, 1, null), AuthConfig.from(settings),
                WsSettings.from(settings));
    }
}
