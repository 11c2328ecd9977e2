package dev.tangle.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A service's meters, exposed as Prometheus text at {@code /metrics}. Meter names follow
 * {@code tangle_<service>_<thing>_<unit>}: use {@link #name(String)} to build them.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry;
    private final String prefix;

    private Metrics(String prefix) {
        this.prefix = prefix;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * @param prefix short service name used in meter names: {@code api}, {@code socket}, {@code geo}, {@code media}
     */
    public static Metrics create(String prefix) {
        return new Metrics(prefix);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code tangle.<prefix>.<thing>}, rendered by Prometheus as {@code tangle_<prefix>_<thing>}. */
    public String name(String thing) {
        return "tangle." + prefix + "." + thing;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
