/**
 * WebSocket sessions over the strict connection of {@code dev.tangle.socket.ws}: handshake (origin, token), sessions with one writer draining a bounded queue, per-conversation ordering and de-duplication ({@code Delivery}), local users, heartbeat. Invariant: only a session's writer thread calls {@code WsSession} send methods.
 */
package dev.tangle.socket.session;
