/**
 * Micrometer/Prometheus registry of a service and {@code GET /metrics}.
 */
package dev.tangle.common.metrics;
