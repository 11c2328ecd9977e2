package dev.tangle.socket.session;

import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;

/** A socket for tests and benchmarks of the write path: takes everything but text frames and does nothing. */
abstract class QuietWsSession implements WsSession {

    @Override
    public WsSession send(BufferData bufferData, boolean last) {
        return this;
    }

    @Override
    public WsSession ping(BufferData bufferData) {
        return this;
    }

    @Override
    public WsSession pong(BufferData bufferData) {
        return this;
    }

    @Override
    public WsSession close(int code, String reason) {
        return this;
    }

    @Override
    public WsSession terminate() {
        return this;
    }

    @Override
    public Optional<String> subProtocol() {
        return Optional.empty();
    }

    @Override
    public SocketContext socketContext() {
        throw new UnsupportedOperationException();
    }
}
