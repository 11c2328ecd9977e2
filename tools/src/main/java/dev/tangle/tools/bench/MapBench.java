package dev.tangle.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.geo.map.index.BBox;
import dev.tangle.geo.map.index.MapFilter;
import dev.tangle.geo.map.index.MapIndex;
import org.HdrHistogram.Histogram;

/**
 * {@code tangle bench map}: the memory-map index (geo-service, in-process) beside npm {@code supercluster} (node,
 * same machine, same points, same viewports). Generates {@code --points} (default 1,000,000) items in cities,
 * uniform and one dense spot, {@code --users} (10,000) with ~{@code --friends} (200) friends each; reports build
 * time, retained memory (heap after GC), viewport queries/s and p99 at z2, z6 and z12 for the viewer with the
 * most friends, and inserts/s into the live index while a thread keeps querying. supercluster has no visibility
 * and clusters every point (radius 40, maxZoom 16, its defaults).
 *
 * <p>Options: {@code --points --users --friends --queries} (per zoom, default 5000) {@code --insert-seconds}
 * (default 5) {@code --json FILE} {@code --no-peer}.
 */
public final class MapBench {

    private static final int[] ZOOMS = {2, 6, 12};
    /** Inserts go in as the service applies them: one batch per follower poll (200 ms at 5,000/s = 1,000 items). */
    private static final int BATCH = 1000;

    private MapBench() {
    }

    public static void run(List<String> args) {
        Map<String, String> o = options(args);
        try {
            new Runner(o).run();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("bench map failed: " + e, e);
        }
    }

    private static final class Runner {
        private final int points;
        private final int users;
        private final int friends;
        private final int queries;
        private final int insertSeconds;
        private final Map<String, String> o;
        private final Map<String, Object> report = new LinkedHashMap<>();

        Runner(Map<String, String> o) {
            this.o = o;
            points = Integer.parseInt(o.getOrDefault("points", "1000000"));
            users = Integer.parseInt(o.getOrDefault("users", "10000"));
            friends = Integer.parseInt(o.getOrDefault("friends", "200"));
            queries = Integer.parseInt(o.getOrDefault("queries", "5000"));
            insertSeconds = Integer.parseInt(o.getOrDefault("insert-seconds", "5"));
        }

        void run() throws IOException, InterruptedException {
            System.out.printf("bench map: %,d points, %,d users, ~%d friends each%n", points, users, friends);
            MapBenchData data = new MapBenchData(users, friends, 100);
            data.points(points);
            UUID viewer = data.busiestViewer();
            Random r = new Random(11);
            List<double[]> viewports = new ArrayList<>();
            for (int z : ZOOMS) {
                viewports.addAll(data.viewports(z, queries, r));
            }
            Path dir = Files.createTempDirectory("tangle-bench-map");
            data.writePoints(dir.resolve("points.f64"));
            MapBenchData.writeViewports(dir.resolve("viewports.f64"), viewports);

            long heapBefore = usedHeapAfterGc();
            MapIndex index = new MapIndex(3, 16);
            long s0 = System.nanoTime();
            data.friendships.forEach(f -> index.setFriend(data.users.get(f[0]), data.users.get(f[1]), true));
            data.memberships.forEach(m -> index.setMember(data.groups.get(m[1]), data.users.get(m[0]), true));
            long s1 = System.nanoTime();
            index.load(data.items);
            long s2 = System.nanoTime();
            long retained = usedHeapAfterGc() - heapBefore;
            report.put("socialGraphMs", (s1 - s0) / 1e6);
            report.put("buildMs", (s2 - s1) / 1e6);
            report.put("retainedBytes", retained);
            report.put("viewerFriends", data.friendsOf(viewer));
            Map<String, Object> q = new LinkedHashMap<>();
            for (int i = 0; i < ZOOMS.length; i++) {
                q.put("z" + ZOOMS[i], measure(index, viewer, viewports.subList(i * queries, (i + 1) * queries)));
            }
            report.put("queries", q);
            report.put("inserts", inserts(index, data, viewer, viewports.subList(2 * queries, 3 * queries)));
            JsonNode peer = o.containsKey("no-peer") ? null : supercluster(dir);
            print(peer);
            if (o.containsKey("json")) {
                Map<String, Object> all = new LinkedHashMap<>(Map.of("tangle", report));
                if (peer != null) {
                    all.put("supercluster", peer);
                }
                Files.write(Path.of(o.get("json")), Json.write(all));
                System.out.println("  report written to " + o.get("json"));
            }
        }

        private Map<String, Object> measure(MapIndex index, UUID viewer, List<double[]> boxes) {
            for (int i = 0; i < Math.min(2000, boxes.size() * 2); i++) {
                query(index, viewer, boxes.get(i % boxes.size()));
            }
            Histogram h = new Histogram(3);
            long results = 0;
            long start = System.nanoTime();
            for (double[] b : boxes) {
                long q0 = System.nanoTime();
                results += query(index, viewer, b);
                h.recordValue((System.nanoTime() - q0) / 1000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Map.of("queries", boxes.size(), "perSecond", boxes.size() / seconds,
                    "p99Micros", h.getValueAtPercentile(99), "meanResults", (double) results / boxes.size());
        }

        private static int query(MapIndex index, UUID viewer, double[] b) {
            var view = index.view(viewer, new BBox(b[1], b[2], b[3], b[4]), (int) b[0], MapFilter.ALL);
            return view.clusters().size() + view.items().size();
        }

        private Map<String, Object> inserts(MapIndex index, MapBenchData data, UUID viewer, List<double[]> boxes)
                throws InterruptedException {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong queried = new AtomicLong();
            Histogram h = new Histogram(3);
            Thread reader = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (running.get()) {
                    long q0 = System.nanoTime();
                    query(index, viewer, boxes.get(i++ % boxes.size()));
                    h.recordValue((System.nanoTime() - q0) / 1000);
                    queried.incrementAndGet();
                }
            });
            List<dev.tangle.geo.map.index.MapItem> fresh = new ArrayList<>();
            for (int i = 0; i < 400_000; i++) {
                fresh.add(data.next());
            }
            long start = System.nanoTime();
            long deadline = start + insertSeconds * 1_000_000_000L;
            int n = 0;
            while (System.nanoTime() < deadline && n + BATCH <= fresh.size()) {
                index.putAll(fresh.subList(n, n + BATCH));
                n += BATCH;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            reader.join();
            return Map.of("inserted", n, "perSecond", n / seconds, "concurrentQueriesPerSecond", queried.get() / seconds,
                    "concurrentQueryP99Micros", h.getValueAtPercentile(99));
        }

        private JsonNode supercluster(Path dir) throws IOException, InterruptedException {
            Path bench = benchDir();
            if (!Files.isDirectory(bench.resolve("node_modules/supercluster"))) {
                System.out.println("  npm install (into " + bench + ")");
                Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(bench.toFile())
                        .inheritIO().start();
                if (npm.waitFor() != 0) {
                    throw new IllegalStateException("npm install failed in " + bench);
                }
            }
            System.out.println("  running supercluster in node on the same points...");
            Process node = new ProcessBuilder("node", "--expose-gc", "--max-old-space-size=12000",
                    bench.resolve("supercluster-bench.mjs").toString(), dir.resolve("points.f64").toString(),
                    dir.resolve("viewports.f64").toString()).directory(bench.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (node.waitFor() != 0) {
                throw new IllegalStateException("supercluster bench failed: " + out);
            }
            return Json.tree(out.trim().getBytes(StandardCharsets.UTF_8));
        }

        @SuppressWarnings("unchecked")
        private void print(JsonNode peer) {
            System.out.printf("%n  %-38s %16s %16s %8s%n", "", "tangle", "supercluster", "ratio");
            row("build (ms)", (double) report.get("buildMs"), peer == null ? null : peer.path("buildMs").asDouble(), "≤ 0.8");
            row("retained memory (MiB)", ((long) report.get("retainedBytes")) / 1048576.0,
                    peer == null ? null : peer.path("retainedBytes").asDouble() / 1048576.0, "≤ 1.0");
            Map<String, Object> q = (Map<String, Object>) report.get("queries");
            for (int z : ZOOMS) {
                Map<String, Object> t = (Map<String, Object>) q.get("z" + z);
                JsonNode p = peer == null ? null : peer.path("queries").path(String.valueOf(z));
                row("z" + z + " queries/s", (double) t.get("perSecond"), p == null ? null : p.path("perSecond").asDouble(), "≥ 1.0");
                row("z" + z + " p99 (µs)", ((Number) t.get("p99Micros")).doubleValue(),
                        p == null ? null : p.path("p99Micros").asDouble(), "");
                row("z" + z + " results per query", (double) t.get("meanResults"),
                        p == null ? null : p.path("meanResults").asDouble(), "");
            }
            Map<String, Object> ins = (Map<String, Object>) report.get("inserts");
            System.out.printf("  %-38s %16.0f %16s   (target ≥ 10,000)%n", "inserts/s with queries running",
                    (double) ins.get("perSecond"), "n/a (static)");
            System.out.printf("  %-38s %16.0f%n", "  concurrent z12 queries/s", (double) ins.get("concurrentQueriesPerSecond"));
            System.out.printf("  %-38s %16d%n", "  concurrent z12 query p99 (µs)", (long) ins.get("concurrentQueryP99Micros"));
            System.out.printf("  viewer has %d friends; social graph load %.0f ms (not in build)%n",
                    (int) report.get("viewerFriends"), (double) report.get("socialGraphMs"));
        }

        private static void row(String name, double ours, Double theirs, String target) {
            if (theirs == null) {
                System.out.printf("  %-38s %16.1f%n", name, ours);
            } else {
                System.out.printf("  %-38s %16.1f %16.1f %8.2f %s%n", name, ours, theirs, ours / theirs,
                        target.isEmpty() ? "" : "(target " + target + ")");
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** tools/bench/map of the checkout the tools jar was built in (or of the working directory). */
    private static Path benchDir() {
        try {
            Path jar = Path.of(MapBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent().getParent().getParent();
            if (Files.isDirectory(root.resolve("tools/bench/map"))) {
                return root.resolve("tools/bench/map");
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return Path.of("tools/bench/map").toAbsolutePath();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("no-peer")) {
                o.put(key, "true");
            } else if (i + 1 < args.size()) {
                o.put(key, args.get(++i));
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return o;
    }
}
