package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Service;

/**
 * Where the running dev stack answers, as written to {@code .tangle/dev.env}: one shell {@code KEY=value} line per
 * variable, so {@code set -a; . .tangle/dev.env} works and tools and tests can read it.
 *
 * @param urls      each service's public URL (WebSocket endpoint for socket-server): its first instance
 * @param instances every instance's public URL per service ({@code TANGLE_API_URLS}, ... comma separated)
 * @param natsUrl   the NATS server(s), comma separated
 * @param db        the PostgreSQL database
 */
public record DevEnv(Map<Service, String> urls, Map<Service, List<String>> instances, String natsUrl, DbConnection db) {

    public DevEnv {
        urls = Map.copyOf(urls);
        Map<Service, List<String>> all = new EnumMap<>(Service.class);
        for (Map.Entry<Service, String> e : urls.entrySet()) {
            List<String> listed = instances.get(e.getKey());
            all.put(e.getKey(), listed == null || listed.isEmpty() ? List.of(e.getValue()) : List.copyOf(listed));
        }
        instances = Map.copyOf(all);
    }

    /** One instance of each service. */
    public DevEnv(Map<Service, String> urls, String natsUrl, DbConnection db) {
        this(urls, Map.of(), natsUrl, db);
    }

    /** The variable listing every instance of a service: {@code TANGLE_API_URLS} beside {@code TANGLE_API_URL}. */
    public static String instancesVariable(Service service) {
        return service.urlVariable() + "S";
    }

    /** The variables in file order. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            vars.put(service.urlVariable(), urls.get(service));
        }
        for (Service service : Service.values()) {
            vars.put(instancesVariable(service), String.join(",", instances.get(service)));
        }
        vars.put("TANGLE_NATS_URL", natsUrl);
        vars.put("TANGLE_DB_URL", db.url());
        vars.put("TANGLE_DB_USER", db.user());
        vars.put("TANGLE_DB_PASSWORD", db.password());
        return vars;
    }

    /** Writes the file atomically, readable only by its owner (it holds the database password). */
    public void write(Path file) {
        StringBuilder text = new StringBuilder("# Written by 'tangle dev' while the stack is running; deleted when it stops.\n");
        variables().forEach((key, value) -> text.append(key).append('=').append(shellQuote(value)).append('\n'));
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            temp.toFile().setReadable(false, false);
            temp.toFile().setReadable(true, true);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Reads a file written by {@link #write(Path)}. */
    public static DevEnv read(Path file) {
        Map<String, String> vars = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    vars.put(line.substring(0, eq).trim(), shellUnquote(line.substring(eq + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<Service, String> urls = new EnumMap<>(Service.class);
        Map<Service, List<String>> all = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, required(vars, service.urlVariable(), file));
            String listed = vars.getOrDefault(instancesVariable(service), "");
            all.put(service, listed.isBlank() ? List.of() : List.of(listed.split(",")));
        }
        return new DevEnv(urls, all, required(vars, "TANGLE_NATS_URL", file), new DbConnection(
                required(vars, "TANGLE_DB_URL", file), required(vars, "TANGLE_DB_USER", file),
                vars.getOrDefault("TANGLE_DB_PASSWORD", "")));
    }

    private static String required(Map<String, String> vars, String key, Path file) {
        String value = vars.get(key);
        if (value == null || value.isEmpty()) {
            throw new CliException(file + " has no " + key + ": restart 'tangle dev'");
        }
        return value;
    }

    static String shellQuote(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]*")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String shellUnquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        return value;
    }
}
