/**
 * The web client's one origin in the dev stack: {@link dev.tangle.tools.web.WebBuild} builds {@code web/} with npm
 * when its sources changed, {@link dev.tangle.tools.web.DevEdge} serves {@code web/dist} on port base + 4 and passes
 * {@code /v1/...}, {@code /.well-known/...} and the WebSocket {@code /v1/ws} through to the service that owns the
 * path ({@link dev.tangle.tools.web.EdgeRoutes}, the prefixes of API.md).
 *
 * <p>Invariants: a proxied exchange is passed on byte for byte after its request head (bodies, chunking, WebSocket
 * frames both ways are never parsed or changed); each client connection carries one proxied request (or one
 * WebSocket), so a connection never mixes services; the edge logs paths and statuses, never headers or bodies (they
 * carry tokens).
 */
package dev.tangle.tools.web;
