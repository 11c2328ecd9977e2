package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.tools.bench.TangleSetup.User;
import dev.tangle.tools.bench.ws.WsConnection;

/**
 * {@code tangle bench location}: N sharers × M viewers per sharer, every one on its own WebSocket. Each sharer
 * shares its location (exact) with a group conversation of its viewers and sends {@code location} frames
 * open-loop every {@code --update-interval}; it walks in and out of a place its first viewer watches, among
 * {@code --places} places in all. Reports updates/s ingested by geo-service (its own counter), push latency
 * (intended send → {@code location} frame at a viewer) and alert latency (intended send of the crossing update →
 * {@code place.arrived|left} notification at the watcher).
 *
 * <p>Options: {@code --sharers 500 --viewers-per-sharer 20 --update-interval 1s --duration 30s --places 10000
 * --warmup 5s --threads 2 --setup-concurrency 16 --connect-concurrency 256 --source-ips N --geo URL} (default {@code TANGLE_GEO_URL}
 * of .tangle/dev.env). Sends for {@code --warmup} before the measured {@code --duration} (docs/adr/0146); prints
 * the CPU seconds of every server process and of this tool over the measured window, and the load average, because
 * the machine is shared.
 */
public final class LocationBench {

    private static final double CENTER_LAT = 47.0;
    private static final double CENTER_LON = 8.0;
    private static final int CROSS_EVERY = 5;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final BenchOptions opts;
    private final DevEnv env;
    private final URI geo;

    private LocationBench(BenchOptions opts) throws IOException {
        this.opts = opts;
        this.env = DevEnv.resolve(opts);
        String g = opts.string("geo", env.vars().get("TANGLE_GEO_URL"));
        if (g == null) {
            throw new TargetUnavailable("no geo-service URL: --geo or TANGLE_GEO_URL in .tangle/dev.env");
        }
        this.geo = URI.create(g.endsWith("/") ? g.substring(0, g.length() - 1) : g);
    }

    public static void run(List<String> args) throws Exception {
        new LocationBench(BenchOptions.parse(args)).run();
    }

    private void run() throws Exception {
        int sharers = opts.integer("sharers", 500);
        int perSharer = opts.integer("viewers-per-sharer", 20);
        Duration interval = opts.duration("update-interval", Duration.ofSeconds(1));
        Duration duration = opts.duration("duration", Duration.ofSeconds(30));
        int placeCount = Math.max(sharers, opts.integer("places", 10_000));
        System.out.printf(Locale.ROOT, "bench location: %d sharers x %d viewers, one update per %s each (%.0f/s), %d places, %s%n",
                sharers, perSharer, interval, sharers * 1e9 / interval.toNanos(), placeCount, duration);
        TangleSetup setup = new TangleSetup(env.api(), BenchCommand.scratch().resolve("tangle-users.json"),
                opts.integer("setup-concurrency", 16));
        setup.checkReachable();
        long t = System.nanoTime();
        int userCount = sharers * (1 + perSharer);
        java.nio.file.Path keys = opts.path("keys-file") != null ? opts.path("keys-file") : SeededUsers.defaultKeysFile();
        boolean seed = !opts.string("seed", "auto").equals("false") && java.nio.file.Files.exists(keys)
                       && env.vars().containsKey("TANGLE_DB_URL");
        List<User> users = seed ? SeededUsers.seed(env.vars(), keys, "lbench", userCount) : setup.users(userCount);
        System.out.println(seed ? "  users seeded into the dev database, tokens signed with " + keys
                : "  users registered over REST (cached in .tangle/bench/tangle-users.json)");
        System.out.printf(Locale.ROOT, "  %d users ready in %.1f s%n", users.size(), (System.nanoTime() - t) / 1e9);
        List<List<User>> groups = new ArrayList<>();
        for (int i = 0; i < sharers; i++) {
            groups.add(users.subList(i * (1 + perSharer), (i + 1) * (1 + perSharer)));
        }
        t = System.nanoTime();
        List<String> conversations = setup.groupConversations(groups);
        parallel(sharers, i -> post("/v1/location/shares", "{\"conversationId\":\"" + conversations.get(i)
                + "\",\"durationMinutes\":60,\"precision\":\"exact\"}", groups.get(i).getFirst().accessToken(), 201));
        System.out.printf(Locale.ROOT, "  %d conversations and shares in %.1f s%n", sharers, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        Random random = new Random(3);
        List<double[]> homes = new ArrayList<>();
        for (int i = 0; i < placeCount; i++) {
            homes.add(new double[] {CENTER_LAT + (random.nextDouble() - 0.5), CENTER_LON + (random.nextDouble() - 0.5)});
        }
        parallel(placeCount, i -> {
            User owner = i < sharers ? groups.get(i).get(1) : users.get(i % users.size());
            JsonNode place = post("/v1/places", String.format(Locale.ROOT, "{\"name\":\"p%d\",\"lat\":%.6f,\"lon\":%.6f,\"radiusM\":100}",
                    i, homes.get(i)[0], homes.get(i)[1]), owner.accessToken(), 201);
            if (i < sharers) {
                put("/v1/places/" + place.get("id").asText() + "/watch", "{\"userIds\":[\"" + groups.get(i).getFirst().id() + "\"]}",
                        owner.accessToken());
            }
        });
        System.out.printf(Locale.ROOT, "  %d places (%d watched) in %.1f s%n", placeCount, sharers, (System.nanoTime() - t) / 1e9);

        int connections = users.size();
        Map<String, Long> pids = serverPids();
        try (LocationSockets sockets = new LocationSockets(opts.integer("threads", 2), opts.integer("connect-concurrency", 256),
                opts.integer("source-ips", 0), connections)) {
            t = System.nanoTime();
            LocationSockets.Peer[] peers = sockets.connectAll(env.socketEndpoint(), users,
                    opts.duration("connect-timeout", Duration.ofSeconds(180)).toNanos());
            System.out.printf(Locale.ROOT, "  %d WebSockets ready (%d failed) in %.1f s%n", sockets.ready.get(), sockets.failed.get(),
                    (System.nanoTime() - t) / 1e9);
            List<WsConnection> sharerConns = new ArrayList<>();
            for (int i = 0; i < sharers; i++) {
                LocationSockets.Peer p = peers[i * (1 + perSharer)];
                sharerConns.add(p == null ? null : p.conn);
            }
            Thread.sleep(1000); // let the resume window pass
            ServerMeter meter = new ServerMeter(Map.of());
            ServerMeter servers = new ServerMeter(pids);
            Map<String, Double> ingestedBefore = new TreeMap<>();
            String[] loadBefore = new String[1];
            Duration warmup = opts.duration("warmup", Duration.ofSeconds(5));
            long sent = drive(sockets, sharerConns, homes, interval, warmup, duration, () -> {
                ingestedBefore.putAll(ingested());
                loadBefore[0] = loadAverage();
                servers.start();
                meter.start();
            });
            Map<String, Double> ingested = minus(ingested(), ingestedBefore);
            servers.stop();
            meter.stop();
            String loadAfter = loadAverage();
            Thread.sleep(opts.duration("drain", Duration.ofSeconds(2)).toMillis());
            report(sockets, sharers, perSharer, sent, ingested, duration, servers, meter, loadBefore[0] + " -> " + loadAfter);
        }
    }

    /** What starts the measured window (meters, counters), after the warm-up. */
    private interface WindowStart {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Sends open-loop for {@code warmup} and then {@code duration}; returns the updates sent in the measured window.
     * The warm-up is the sharers' first updates (every instance loads each sharer's audience and presence once), so
     * the window measures the steady state.
     */
    private long drive(LocationSockets sockets, List<WsConnection> sharers, List<double[]> homes, Duration interval,
                       Duration warmup, Duration duration, WindowStart window) throws IOException, InterruptedException {
        long start = System.nanoTime() + 200_000_000L;
        long intervalNanos = interval.toNanos();
        long warmupEnd = start + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        int n = sharers.size();
        long sent = 0;
        boolean measuring = false;
        // each sharer's two frames up to the time (outside its place, inside), formatted once: String.format per
        // update was a quarter of this tool's CPU
        String[][] prefixes = new String[n][2];
        for (int i = 0; i < n; i++) {
            double[] home = homes.get(i);
            for (int inside = 0; inside < 2; inside++) {
                prefixes[i][inside] = String.format(Locale.ROOT, "{\"type\":\"location\",\"lat\":%.7f,\"lon\":%.7f,\"accuracyM\":10,\"at\":\"",
                        home[0] + (inside == 1 ? 0 : 400 / 111_320.0), home[1]);
            }
        }
        // open-loop: sharer i's k-th update is due at start + k*interval + i*interval/n
        for (long k = 0; ; k++) {
            for (int i = 0; i < n; i++) {
                long due = start + k * intervalNanos + i * intervalNanos / n;
                if (due >= end) {
                    sockets.measuring = false;
                    return sent;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (!measuring && due >= warmupEnd) {
                    window.run();
                    measuring = true;
                    sockets.measuring = true;
                }
                boolean inside = (k / CROSS_EVERY) % 2 == 1;
                String frame = prefixes[i][inside ? 1 : 0] + sockets.instantOf(due) + "\"}";
                WsConnection c = sharers.get(i);
                if (c != null && c.sendText(frame) && measuring) {
                    sent++;
                }
            }
        }
    }

    private void report(LocationSockets s, int sharers, int perSharer, long sent, Map<String, Double> ingested, Duration duration,
                        ServerMeter servers, ServerMeter client, String load) {
        double seconds = duration.toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%n  location updates sent      %,d (%.0f/s)%n", sent, sent / seconds);
        double processed = ingested.getOrDefault("processed", 0.0);
        double coalesced = ingested.getOrDefault("coalesced", 0.0);
        System.out.printf(Locale.ROOT, "  ingested by geo-service    %,.0f (%.0f/s): processed %,.0f (%.0f/s), coalesced %,.0f  [tangle_geo_location_updates_total]%n",
                processed + coalesced, (processed + coalesced) / seconds, processed, processed / seconds, coalesced);
        System.out.printf(Locale.ROOT, "  sockets ready / dropped    %,d of %,d / %,d  (viewers %,d)%n", s.ready.get(),
                sharers * (1 + perSharer), s.dropped.get(), sharers * perSharer);
        synchronized (s.pushes) {
            System.out.printf(Locale.ROOT, "  location pushes measured   %,d  latency ms p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    s.pushCount.get(), s.pushes.getValueAtPercentile(50) / 1e3, s.pushes.getValueAtPercentile(99) / 1e3,
                    s.pushes.getValueAtPercentile(99.9) / 1e3, s.pushes.getMaxValue() / 1e3);
        }
        synchronized (s.alerts) {
            System.out.printf(Locale.ROOT, "  place alerts measured      %,d  latency ms p50 %.1f  p99 %.1f  max %.1f%n",
                    s.alertCount.get(), s.alerts.getValueAtPercentile(50) / 1e3, s.alerts.getValueAtPercentile(99) / 1e3,
                    s.alerts.getMaxValue() / 1e3);
        }
        if (!s.errors.isEmpty()) {
            System.out.println("  error frames               " + new TreeMap<>(s.errors));
        }
        if (!s.closeCodes.isEmpty()) {
            System.out.println("  close codes                " + new TreeMap<>(s.closeCodes));
        }
        servers.cpuSeconds().forEach((svc, cpu) -> System.out.printf(Locale.ROOT, "  server %-20s%.1f CPU-s, RSS %.1f MiB%n",
                svc, cpu, servers.rssBytes().getOrDefault(svc, 0L) / 1048576.0));
        System.out.printf(Locale.ROOT, "  client (this tool)         %.1f CPU-s%n", client.clientCpuSeconds());
        System.out.println("  load average (1 min)       " + load);
        System.out.println("  targets: >= 5,000 updates/s with 10,000 viewers, push p99 <= 50 ms, alert p99 <= 250 ms");
    }

    private Map<String, Long> serverPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        addPid(pids, "api-server", env.api().getPort());
        addPid(pids, "socket-server", env.ws().getPort());
        addPid(pids, "geo-service", geo.getPort());
        addPid(pids, "nats-server", env.portOf("TANGLE_NATS_URL"));
        addPid(pids, "postgres", env.portOf("TANGLE_DB_URL"));
        return pids;
    }

    private static void addPid(Map<String, Long> pids, String service, int port) {
        if (port > 0) {
            java.util.OptionalLong pid = ProcStats.pidListeningOn(port);
            if (pid.isPresent() && !pids.containsValue(pid.getAsLong())) {
                pids.put(service, pid.getAsLong());
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** geo-service's own count of updates received, by outcome ({@code processed}, {@code coalesced}). */
    private Map<String, Double> ingested() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(geo.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> byOutcome = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("tangle_geo_location_updates_total{")) {
                int at = line.indexOf("outcome=\"");
                String outcome = at < 0 ? "?" : line.substring(at + 9, line.indexOf('"', at + 9));
                byOutcome.merge(outcome, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return byOutcome;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    private void parallel(int n, Task task) throws Exception {
        Semaphore limit = new Semaphore(opts.integer("setup-concurrency", 16));
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    limit.acquire();
                    try {
                        task.run(index);
                    } finally {
                        limit.release();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private JsonNode post(String path, String body, String token, int expected) throws IOException, InterruptedException {
        return send("POST", path, body, token, expected);
    }

    private void put(String path, String body, String token) throws IOException, InterruptedException {
        send("PUT", path, body, token, 200);
    }

    private JsonNode send(String method, String path, String body, String token, int expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(geo.resolve(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                                            + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body().length == 0 ? null : Json.tree(r.body());
    }

}
