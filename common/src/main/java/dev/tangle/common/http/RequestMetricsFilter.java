package dev.tangle.common.http;

import java.util.concurrent.TimeUnit;

import dev.tangle.common.metrics.Metrics;
import io.micrometer.core.instrument.Timer;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Times every HTTP request into {@code tangle_<service>_http_requests_seconds{method,route,status}}. */
final class RequestMetricsFilter implements io.helidon.webserver.http.Filter {

    private final Metrics metrics;
    private final String name;

    RequestMetricsFilter(Metrics metrics) {
        this.metrics = metrics;
        this.name = metrics.name("http.requests");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            Timer.builder(name)
                    .description("HTTP requests by method, route template and status")
                    .tag("method", req.prologue().method().text())
                    .tag("route", Routes.template(req))
                    .tag("status", Integer.toString(res.status().code()))
                    .publishPercentileHistogram()
                    .register(metrics.registry())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
