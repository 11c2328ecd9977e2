package dev.tangle.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Typed, validated access to configuration.
 *
 * <p>A key such as {@code db.url} is looked up, in order, in the environment variable {@code TANGLE_DB_URL}
 * (upper case, dots and dashes become underscores), then in {@code tangle.db.url} of the service's
 * {@code application.yaml}, then falls back to the given default. A value that does not parse or is out of
 * range fails start-up with a {@link ConfigException} naming the key and its variable.
 */
public final class Settings {

    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*(ms|s|m|h|d)");

    private final Config yaml;
    private final Map<String, String> env;

    private Settings(Config yaml, Map<String, String> env) {
        this.yaml = yaml;
        this.env = env;
    }

    /** Settings from {@code application.yaml} on the classpath (if any) and the process environment. */
    public static Settings load() {
        return of(System.getenv());
    }

    /** Settings from {@code application.yaml} and the given variables instead of the process environment. */
    public static Settings of(Map<String, String> env) {
        Config yaml = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath("application.yaml").optional())
                .build();
        return new Settings(yaml, Map.copyOf(env));
    }

    /** The environment variable that overrides a key. */
    public static String envName(String key) {
        return "TANGLE_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    /** The raw value of a key, if set anywhere. */
    public Optional<String> raw(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        return yaml.get("tangle." + key).asString().asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    public Optional<String> optionalString(String key) {
        return raw(key);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String value = raw(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw invalid(key, value, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "is not a whole number");
        }
    }

    public long bytes(String key, long defaultValue, long min, long max) {
        String value = raw(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        long parsed = ByteSize.parse(value).orElseThrow(() -> invalid(key, value, "is not a size such as 1048576, 512KiB or 1MiB"));
        if (parsed < min || parsed > max) {
            throw invalid(key, value, "must be between " + min + " and " + max + " bytes");
        }
        return parsed;
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = raw(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, value, "is not true or false");
        };
    }

    /** A duration as ISO-8601 ({@code PT5S}) or a number with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        String value = raw(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value).orElseThrow(() -> invalid(key, value, "is not a duration such as 500ms, 5s, 2m or PT5S"));
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw invalid(key, value, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    /** {@code count} events per {@code period}, read from a value such as {@code 5/15m} (see {@link #rate}). */
    public record Rate(long count, Duration period) {
    }

    /** A rate {@code count/period} such as {@code 5/15m} or {@code 60/1h} (units ms, s, m, h, d), both parts ≥ 1. */
    public Rate rate(String key, String defaultValue) {
        String value = string(key, defaultValue);
        Matcher m = RATE.matcher(value.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
            throw invalid(key, value, "is not a rate such as 5/15m (count/period, units ms, s, m, h, d)");
        }
        long amount = Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new Rate(Long.parseLong(m.group(1)), period);
    }

    /** A file path that, when given, must exist and be readable. */
    public Optional<Path> readableFile(String key) {
        return raw(key).map(value -> {
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                throw invalid(key, value, "is not a readable file");
            }
            return path;
        });
    }

    /** Fails start-up unless the value of a key satisfies a rule checked by the caller. */
    public ConfigException invalid(String key, String value, String problem) {
        return new ConfigException("Invalid configuration tangle." + key + " (env " + envName(key) + "): '"
                                   + value + "' " + problem);
    }

    static Optional<Duration> parseDuration(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Optional.of(Duration.parse(value.trim().toUpperCase()));
            }
            if (v.endsWith("ms")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1).trim());
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Optional.of(Duration.ofSeconds(amount));
                case 'm' -> Optional.of(Duration.ofMinutes(amount));
                case 'h' -> Optional.of(Duration.ofHours(amount));
                case 'd' -> Optional.of(Duration.ofDays(amount));
                default -> Optional.empty();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
