package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import org.HdrHistogram.Histogram;

/**
 * {@code tangle bench feed}: seeds a large community (default 10,000 users, ~50 friends each, 200 groups,
 * 1,000,000 posts, one post with 10,000 comments) straight into PostgreSQL, then measures over REST the latency
 * of home-feed pages (first pages and the page after, as seeded users) and the first page of the big thread.
 *
 * <p>Options: {@code --db-url}, {@code --db-user}, {@code --db-password} (default: {@code TANGLE_DB_*} from the
 * environment or {@code .tangle/dev.env}), {@code --api} (default {@code TANGLE_API_URL} or
 * http://127.0.0.1:8080), {@code --users}, {@code --posts}, {@code --friends}, {@code --comments},
 * {@code --requests} (measured feed pages, default 2000), {@code --reseed} (seed even if a seed exists).
 * The api-server must be running against that database (its migrations create the schema).
 */
public final class FeedBench {

    private final Map<String, String> options;
    private final BenchApi api;

    private FeedBench(Map<String, String> options) {
        this.options = options;
        this.api = new BenchApi(options.getOrDefault("api", "http://127.0.0.1:8080"));
    }

    public static void run(List<String> args) {
        try {
            new FeedBench(options(args)).run();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("bench feed failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() throws IOException, SQLException, InterruptedException {
        int users = intOption("users", 10_000);
        int posts = intOption("posts", 1_000_000);
        int comments = intOption("comments", 10_000);
        System.out.printf("bench feed: api %s, database %s%n", api.base(), options.get("db-url"));
        FeedSeeder.Seeded seeded;
        try (Connection db = DriverManager.getConnection(options.get("db-url"), options.get("db-user"),
                options.getOrDefault("db-password", ""))) {
            db.createStatement().execute("SET search_path TO api");
            seeded = existing(db, users);
            if (seeded == null || options.containsKey("reseed")) {
                long t = System.nanoTime();
                String hash = api.templateHash(db, "fbench_");
                seeded = new FeedSeeder(db).seed(users, intOption("friends", 50), 200, 50, posts, comments, hash);
                FeedSeeder.log("everything", t);
            } else {
                System.out.println("  using the existing seed (--reseed to seed again)");
            }
        }
        List<String> tokens = login(seeded.users(), 200);
        Histogram feed = measureFeed(tokens, intOption("requests", 2000));
        report("home feed page (limit 50)", feed);
        Histogram thread = measureThread(tokens.getFirst(), seeded.commentPost(), 50);
        report("first page of the " + comments + "-comment post", thread);
    }

    /** The seed of an earlier run, if there is a complete one. */
    private static FeedSeeder.Seeded existing(Connection db, int users) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT id FROM users WHERE handle LIKE 'fbench\\_%' "
                + "AND handle ~ '^fbench_[0-9]+$' ORDER BY (substr(handle, 8))::int")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        if (ids.size() < users) {
            return null;
        }
        try (ResultSet rs = db.createStatement().executeQuery(
                "SELECT id FROM posts WHERE author_id = '" + ids.getFirst() + "' ORDER BY comment_count DESC LIMIT 1")) {
            return rs.next() ? new FeedSeeder.Seeded(ids.subList(0, users), rs.getObject(1, UUID.class)) : null;
        }
    }

    private List<String> login(List<UUID> users, int count) throws IOException, InterruptedException {
        long t = System.nanoTime();
        List<String> tokens = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            int n = random.nextInt(users.size());
            tokens.add(api.login(FeedSeeder.HANDLE_PREFIX + n));
        }
        System.out.printf("  logged in %d seeded users in %.1f s%n", count, (System.nanoTime() - t) / 1e9);
        return tokens;
    }

    /** First pages and the page after, round-robin over the users; the first 10% warm up and are not recorded. */
    private Histogram measureFeed(List<String> tokens, int requests) throws IOException, InterruptedException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        int warmup = requests / 10;
        int items = 0;
        for (int i = 0; i < warmup + requests; i++) {
            String token = tokens.get(i % tokens.size());
            long t = System.nanoTime();
            JsonNode page = api.get("/v1/feed?limit=50", token);
            long first = System.nanoTime() - t;
            String cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            long second = -1;
            if (cursor != null) {
                t = System.nanoTime();
                api.get("/v1/feed?limit=50&cursor=" + cursor, token);
                second = System.nanoTime() - t;
            }
            if (i >= warmup) {
                histogram.recordValue(first);
                if (second >= 0) {
                    histogram.recordValue(second);
                }
                items += page.get("items").size();
            }
        }
        System.out.printf("  home feed: %d first pages, %.1f items per first page on average%n", requests, items / (double) requests);
        return histogram;
    }

    private Histogram measureThread(String token, UUID postId, int repeats) throws IOException, InterruptedException {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            JsonNode page = api.get("/v1/posts/" + postId + "/comments", token);
            long took = System.nanoTime() - t;
            if (i == 0) {
                System.out.printf("  thread: first page has %d top-level comments, cold load %.2f ms%n",
                        page.get("items").size(), took / 1e6);
            }
            histogram.recordValue(took);
        }
        return histogram;
    }

    private static void report(String what, Histogram h) {
        System.out.printf("%s: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }

    private int intOption(String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)).replace("_", ""));
    }

    /** {@code --name value} pairs (a flag without a value is "true"), over TANGLE_* from the environment and dev.env. */
    static Map<String, String> options(List<String> args) throws IOException {
        Map<String, String> env = new HashMap<>(DevEnv.fileVariables());
        env.putAll(System.getenv());
        Map<String, String> options = new HashMap<>();
        putIfSet(options, "db-url", env.get("TANGLE_DB_URL"));
        putIfSet(options, "db-user", env.getOrDefault("TANGLE_DB_USER", "postgres"));
        putIfSet(options, "db-password", env.get("TANGLE_DB_PASSWORD"));
        putIfSet(options, "api", env.get("TANGLE_API_URL"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                continue;
            }
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            options.put(arg.substring(2), hasValue ? args.get(++i) : "true");
        }
        if (!options.containsKey("db-url")) {
            throw new IllegalArgumentException("bench feed needs --db-url (or TANGLE_DB_URL, or .tangle/dev.env)");
        }
        return options;
    }

    private static void putIfSet(Map<String, String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }
}
