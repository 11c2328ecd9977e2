/**
 * The Micrometer/Prometheus registry of a service and its meter naming ({@code tangle_<service>_<thing>_<unit>});
 * {@code dev.tangle.common.http.MetricsHttpService} serves it at {@code GET /metrics}.
 */
package dev.tangle.common.metrics;
