/**
 * The Helidon server every service runs ({@code TangleServer}, {@code ServiceInfra}), route registration that knows its routes ({@code Routes}), request metrics, logging and {@code GET /openapi.yaml}.
 */
package dev.tangle.common.http;
