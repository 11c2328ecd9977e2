package dev.tangle.socket.ws;

import io.helidon.common.Weight;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgrader;

/**
 * Service-loaded ahead of Helidon's own WebSocket upgrade provider (higher weight; Helidon keeps the first
 * upgrader per protocol): a WebSocket protocol configuration named {@value #NAME} gets {@link StrictWsUpgrader},
 * any other the stock {@link WsUpgrader}.
 */
@Weight(StrictWsUpgradeProvider.WEIGHT)
public final class StrictWsUpgradeProvider implements Http1UpgradeProvider<WsConfig> {

    /** The {@link WsConfig#name()} that selects the strict connection. */
    public static final String NAME = "tangle-websocket";
    static final double WEIGHT = 200;

    /** For {@link java.util.ServiceLoader}. */
    public StrictWsUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return "websocket";
    }

    @Override
    public Class<WsConfig> protocolConfigType() {
        return WsConfig.class;
    }

    @Override
    public Http1Upgrader create(WsConfig config, ProtocolConfigs configs) {
        return NAME.equals(config.name()) ? new StrictWsUpgrader(config) : WsUpgrader.create(config);
    }
}
