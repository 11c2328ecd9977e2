package dev.tangle.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command-line options of a bench run ({@code --name value} or {@code --name=value}), typed. */
final class BenchOptions {

    private static final Set<String> FLAGS = Set.of("help");

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    static BenchOptions parse(List<String> args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                map.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (FLAGS.contains(name)) {
                map.put(name, "true");
            } else if (i + 1 < args.size()) {
                map.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return new BenchOptions(map);
    }

    /** These options with {@code defaults} filling what was not given. */
    BenchOptions withDefaults(Map<String, String> defaults) {
        Map<String, String> map = new HashMap<>(defaults);
        map.putAll(values);
        return new BenchOptions(map);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int integer(String name, int def) {
        String v = values.get(name);
        try {
            return v == null ? def : Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + v);
        }
    }

    double decimal(String name, double def) {
        String v = values.get(name);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + v);
        }
    }

    Duration duration(String name, Duration def) {
        String v = values.get(name);
        return v == null ? def : parseDuration(name, v);
    }

    Path path(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    /** "60s", "2m", "500ms", "1h" or bare seconds. */
    static Duration parseDuration(String name, String v) {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            double n = Double.parseDouble(v.substring(0, v.length() - 1));
            return Duration.ofMillis(Math.round(n * switch (unit) {
                case 's' -> 1000;
                case 'm' -> 60_000;
                case 'h' -> 3_600_000;
                default -> throw new NumberFormatException();
            }));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration like 60s, 2m or 500ms, not " + v);
        }
    }

    Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
