package dev.tangle.tools.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds from many threads: a {@link Recorder} the progress line drains every second into
 * a running total. Values are measured from the intended send time, so a stalled sender shows up as latency.
 */
final class Latency {

    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram interval;

    void record(long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    /** Moves what was recorded since the last call into the total; returns that interval. */
    synchronized Histogram roll() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    synchronized Histogram total() {
        roll();
        return total.copy();
    }

    /** Forgets everything recorded so far (the warm-up). */
    synchronized void reset() {
        roll();
        total.reset();
    }

    static Summary summarize(Histogram h) {
        return new Summary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** Percentiles in milliseconds (two decimals). */
    record Summary(long count, double p50, double p90, double p99, double p999, double max) {
    }
}
