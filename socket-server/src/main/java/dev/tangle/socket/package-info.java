/**
 * socket-server: WebSocket sessions with fan-out over NATS, resume, presence, typing and canvas rooms. {@link dev.tangle.socket.Main} wires it; {@link dev.tangle.socket.SocketHub} owns a session's life.
 */
package dev.tangle.socket;
