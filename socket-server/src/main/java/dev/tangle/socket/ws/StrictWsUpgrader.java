package dev.tangle.socket.ws;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.http.DirectHandler;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.NotFoundException;
import io.helidon.http.RequestException;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRoute;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsUpgradeException;

/**
 * The HTTP/1.1 → WebSocket upgrade of Helidon 4.5.0's {@link WsUpgrader} (same checks: GET, key, version 13;
 * same 101 answer), handing the connection to {@link StrictWsConnection}. The Origin is checked against
 * socket-server's own allowlist by the listener's {@code onHttpUpgrade} (Handshake); a refused upgrade falls
 * through to the HTTP route on the same path, which answers with problem+json.
 */
final class StrictWsUpgrader extends WsUpgrader {

    private static final Headers NO_HEADERS = WritableHeaders.create();

    private final int maxFrameBytes;

    StrictWsUpgrader(WsConfig config) {
        super(config);
        this.maxFrameBytes = config.maxFrameLength();
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        WsRoute route;
        try {
            route = ctx.router().routing(WsRouting.class, WsRouting.empty()).findRoute(prologue);
        } catch (NotFoundException e) {
            return null;
        }
        if (prologue.method() != Method.GET) {
            throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                    .message("WebSocket upgrade must use GET").build();
        }
        if (!headers.contains(WS_KEY)) {
            return null; // the HTTP route on the path answers with problem+json
        }
        String wsKey = headers.get(WS_KEY).get();
        String version = headers.contains(WS_VERSION) ? headers.get(WS_VERSION).get() : SUPPORTED_VERSION;
        if (!SUPPORTED_VERSION.equals(version)) {
            throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                    .message("Unsupported WebSocket Version").header(SUPPORTED_VERSION_HEADER).build();
        }
        WsListener listener = route.listener();
        Optional<Headers> extra;
        try {
            extra = listener.onHttpUpgrade(prologue, headers);
        } catch (WsUpgradeException refused) {
            return null;
        }
        String accept = hash(ctx, wsKey);
        BufferData answer = BufferData.growing(256);
        answer.write((SWITCHING_PROTOCOL_PREFIX + accept + "\r\n").getBytes(StandardCharsets.US_ASCII));
        extra.ifPresent(hs -> hs.forEach(h -> h.writeHttp1Header(answer)));
        answer.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        DataWriter writer = ctx.dataWriter();
        writer.write(answer);
        return new StrictWsConnection(ctx, extra.orElse(NO_HEADERS), listener, maxFrameBytes);
    }
}
