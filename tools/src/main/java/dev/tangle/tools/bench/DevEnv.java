package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where the Tangle stack is: {@code --api}/{@code --ws} first, else {@code .tangle/dev.env} written by ./tangle dev. */
record DevEnv(URI api, URI ws, Map<String, String> vars) {

    static final Path DEFAULT_FILE = Path.of(".tangle", "dev.env");

    static DevEnv resolve(BenchOptions opts) throws IOException {
        Path file = Optional.ofNullable(opts.path("env")).orElse(DEFAULT_FILE);
        Map<String, String> vars = Files.exists(file) ? parse(Files.readString(file)) : Map.of();
        String api = opts.string("api", vars.get("TANGLE_API_URL"));
        String ws = opts.string("ws", vars.get("TANGLE_WS_URL"));
        if (api == null || ws == null) {
            throw new TargetUnavailable("Tangle is not running: no " + file + " (start ./tangle dev) and no --api/--ws");
        }
        return new DevEnv(URI.create(strip(api)), URI.create(strip(ws)), vars);
    }

    /** The variables of {@code .tangle/dev.env}; empty when no stack is running. Every bench reads them here. */
    static Map<String, String> fileVariables() {
        try {
            return Files.isReadable(DEFAULT_FILE) ? parse(Files.readString(DEFAULT_FILE)) : Map.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + DEFAULT_FILE, e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> vars = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("export ")) {
                l = l.substring(7).trim();
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                String v = l.substring(eq + 1).trim();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                vars.put(l.substring(0, eq).trim(), v);
            }
        }
        return vars;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The socket endpoint: the ws URL as given when it names a path, else {@code <ws>/v1/ws}. */
    URI socketEndpoint() {
        String path = ws.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? URI.create(ws + "/v1/ws") : ws;
    }

    /** Port of a URL-valued variable (nats://h:4222, jdbc:postgresql://h:5432/db), or -1. */
    int portOf(String var) {
        String v = vars.get(var);
        if (v == null) {
            return -1;
        }
        URI u = URI.create(v.startsWith("jdbc:") ? v.substring(5) : v.split(",")[0]);
        return u.getPort();
    }
}
