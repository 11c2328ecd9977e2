/**
 * The bench's WebSocket client for many thousands of connections ({@link dev.tangle.tools.bench.ws.WsClient}): a few
 * selector threads, per connection only the bytes of an unfinished frame, sends from any thread (ADR 0051).
 * Depends on nothing else of the tools.
 */
package dev.tangle.tools.bench.ws;
