package dev.tangle.socket.session;

import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.http.Routes;
import dev.tangle.socket.ws.StrictWsUpgradeProvider;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

/**
 * {@code /v1/ws}: the WebSocket route, and an HTTP route on the same path that answers a refused upgrade
 * (our upgrader lets it fall through to HTTP routing) or a plain GET with problem+json.
 */
public final class WsEndpoint {

    public static final String PATH = "/v1/ws";

    private final Handshake handshake;
    private final SessionRegistry registry;
    private final SessionHandler handler;
    private final int maxFrameBytes;

    public WsEndpoint(Handshake handshake, SessionRegistry registry, SessionHandler handler, int maxFrameBytes) {
        this.handshake = handshake;
        this.registry = registry;
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Adds the WebSocket protocol (frame limit) and route to the server. */
    public void register(WebServerConfig.Builder server) {
        // the name selects our strict connection (fragment reassembly, UTF-8 checks, ADR 0065)
        // blocking sockets (Helidon 4.5.0 defaults to NIO ones, which keep 16 KiB of buffers per connection), ADR 0120
        server.useNio(false);
        server.addProtocol(WsConfig.builder().name(StrictWsUpgradeProvider.NAME).maxFrameLength(maxFrameBytes).build());
        server.addRouting(WsRouting.builder()
                .endpoint(PATH, () -> new SocketListener(handshake, registry, handler)));
    }

    /** The HTTP side of the path: 403/401 problem for a refused upgrade, 400 for a request that is no upgrade. */
    public void routing(HttpRouting.Builder routing) {
        // as a service, so that it registers while the server is built, like every other route (Routes records it)
        routing.register((io.helidon.webserver.http.HttpService) rules -> Routes.on(rules).get(PATH, (req, res) -> {
            handshake.check(req.query(), req.headers());
            boolean upgrade = req.headers().first(HeaderNames.UPGRADE).map(v -> v.equalsIgnoreCase("websocket")).orElse(false);
            throw ErrorCode.UPGRADE_REQUIRED.exception(
                    upgrade ? "The WebSocket upgrade was refused" : "Connect with a WebSocket upgrade");
        }));
    }
}
