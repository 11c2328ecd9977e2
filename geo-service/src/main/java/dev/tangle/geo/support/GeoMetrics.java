package dev.tangle.geo.support;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tangle.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

/**
 * geo-service's own meters (never a coordinate): {@code tangle_geo_alert_latency_seconds{kind}} (trigger to
 * notification handed to NATS), {@code tangle_geo_location_updates_total{outcome}}, {@code tangle_geo_shares_active},
 * {@code tangle_geo_places_evaluated} (per update), {@code tangle_geo_location_pushes_total}.
 */
public final class GeoMetrics {

    private final Metrics metrics;
    private final ConcurrentHashMap<String, Timer> alertLatency = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> updates = new ConcurrentHashMap<>();
    private final DistributionSummary placesEvaluated;
    private final Counter pushes;

    public GeoMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.placesEvaluated = DistributionSummary.builder(metrics.name("places.evaluated"))
                .description("Places compared with one location update (index candidates)")
                .publishPercentileHistogram().register(metrics.registry());
        this.pushes = Counter.builder(metrics.name("location.pushes"))
                .description("location frames published to viewers").register(metrics.registry());
    }

    public void alert(String kind, long triggerNanos) {
        alertLatency.computeIfAbsent(kind, k -> Timer.builder(metrics.name("alert.latency"))
                        .description("Alert trigger to notification handed to NATS").tag("kind", k)
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30)).register(metrics.registry()))
                .record(System.nanoTime() - triggerNanos, TimeUnit.NANOSECONDS);
    }

    /** outcome: processed, coalesced, rejected. */
    public void update(String outcome) {
        updates.computeIfAbsent(outcome, o -> Counter.builder(metrics.name("location.updates"))
                .description("Location updates received").tag("outcome", o).register(metrics.registry())).increment();
    }

    public void placesEvaluated(int count) {
        placesEvaluated.record(count);
    }

    public void pushed(int count) {
        pushes.increment(count);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(metrics.name(name), () -> value.get().doubleValue()).description(description).register(metrics.registry());
    }
}
