/**
 * Test support of socket-server: {@code SocketStack} starts instances on real NATS, {@code ChatStandIn} answers
 * {@code tangle.svc.chat.*} with the very records of the contract (so it cannot drift from api-server), and
 * WebSocket clients (a JSON one and a raw-frame one).
 */
package dev.tangle.socket.support;
