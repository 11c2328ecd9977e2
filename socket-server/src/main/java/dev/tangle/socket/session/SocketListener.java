package dev.tangle.socket.session;

import java.util.Optional;

import dev.tangle.common.auth.Principal;
import dev.tangle.common.error.ApiException;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * One WebSocket connection's session side: handshake, whole messages (assembled, decoded and size-checked by
 * {@code dev.tangle.socket.ws.StrictWsConnection}), ping/pong, close.
 */
final class SocketListener implements WsListener {

    private final Handshake handshake;
    private final SessionRegistry registry;
    private final SessionHandler handler;
    private Principal principal;
    private Session session;

    SocketListener(Handshake handshake, SessionRegistry registry, SessionHandler handler) {
        this.handshake = handshake;
        this.registry = registry;
        this.handler = handler;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        try {
            principal = handshake.check(prologue.query(), headers);
        } catch (ApiException e) {
            // falls through to the HTTP route on the same path, which answers with problem+json
            throw new WsUpgradeException(e.getMessage());
        }
        if (Handshake.wantsSubprotocol(headers)) {
            WritableHeaders<?> reply = WritableHeaders.create();
            reply.set(Handshake.PROTOCOL_HEADER, Handshake.SUBPROTOCOL);
            return Optional.of(reply);
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession ws) {
        session = registry.create(principal.userId(), principal.expiresAt(), ws, handler);
        handler.opened(session);
    }

    /** {@code StrictWsConnection} delivers whole messages only, strictly decoded, within the size limit. */
    @Override
    public void onMessage(WsSession ws, String text, boolean last) {
        session.heard();
        handler.frame(session, text);
    }

    @Override
    public void onMessage(WsSession ws, BufferData buffer, boolean last) {
        session.heard();
        if (last) {
            handler.binary(session);
        }
    }

    @Override
    public void onPing(WsSession ws, BufferData buffer) {
        session.heard();
        session.pong(buffer);
    }

    @Override
    public void onPong(WsSession ws, BufferData buffer) {
        session.heard();
    }

    @Override
    public void onClose(WsSession ws, int status, String reason) {
        finish(status, reason);
    }

    @Override
    public void onError(WsSession ws, Throwable t) {
        finish(1006, "transport error");
    }

    private void finish(int status, String reason) {
        if (session != null) {
            session.end(status, reason);
            session.terminated();
            registry.forget(session);
        }
    }
}
