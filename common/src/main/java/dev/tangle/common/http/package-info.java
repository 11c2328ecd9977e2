/**
 * The Helidon server every service runs ({@code TangleServer}, {@code ServiceInfra}, {@code RunningService}) and what
 * it serves for every service: route registration that knows its routes ({@code Routes}), problem+json for every
 * failure ({@code ProblemHandlers}, {@code ProblemDirectHandler}), {@code /health/*}, {@code /metrics},
 * {@code /openapi.yaml}, request metrics and logging. The top layer of common: nothing else in common imports it.
 */
package dev.tangle.common.http;
