package dev.tangle.tools.monitoring;

import java.util.Set;
import java.util.TreeSet;

/** Public face of the name extraction for tests in other packages. */
public final class PromQlNames {

    private PromQlNames() {
    }

    /** Metric names an expression reads. */
    public static Set<String> metricNames(String expression) {
        return PromQl.metricNames(expression);
    }

    /** Sample names in Prometheus text exposition ({@code x_bucket}, {@code x_count}, ... as written). */
    public static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
