/**
 * The WebSocket protocol {@code tangle.v1} (docs/websocket.md) as two closed sets of records:
 * {@link dev.tangle.common.contract.ws.ClientFrame} (what a client may send) and
 * {@link dev.tangle.common.contract.ws.ServerFrame} (what the server sends, serialized with its {@code type}).
 * Error frames derive from the one catalog {@link dev.tangle.common.error.ErrorCode}.
 */
package dev.tangle.common.contract.ws;
