package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.tools.bench.http.Http1Connection;
import org.HdrHistogram.Histogram;

/**
 * {@code tangle bench chat-write}: committed messages per second and send latency through REST against a
 * running stack, beside the raw single-row INSERT rate of the same PostgreSQL at the same concurrency.
 *
 * <p>Options: {@code --api URL --db-url JDBC --db-user U --db-password P} (defaults from {@code .tangle/dev.env}),
 * {@code --senders N} (concurrent REST senders, default 64), {@code --duration S} (seconds per phase, default 15),
 * {@code --users N} (members of the one group conversation, default 8), {@code --raw-connections N} (default:
 * senders, at most 64).
 */
public final class ChatWriteBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ChatWriteBench() {
    }

    /**
     * Result of a run.
     *
     * @param committedPerSecond messages committed per second through REST (verified in the database)
     * @param p50Millis          median send latency
     * @param p99Millis          99th percentile send latency
     * @param rawInsertsPerSecond single-row autocommit INSERTs per second at the same concurrency
     */
    public record Result(double committedPerSecond, double p50Millis, double p99Millis, double rawInsertsPerSecond) {
        public double ratio() {
            return committedPerSecond / rawInsertsPerSecond;
        }
    }

    public static void run(List<String> args) {
        Map<String, String> opts = options(args);
        Result result = run(opts.get("api"), opts.get("db-url"), opts.getOrDefault("db-user", "tangle"),
                opts.getOrDefault("db-password", ""), Integer.parseInt(opts.getOrDefault("senders", "64")),
                Duration.ofSeconds(Long.parseLong(opts.getOrDefault("duration", "15"))),
                Integer.parseInt(opts.getOrDefault("users", "8")),
                Integer.parseInt(opts.getOrDefault("raw-connections",
                        Integer.toString(Math.min(64, Integer.parseInt(opts.getOrDefault("senders", "64")))))));
        // issue 19's targets, on durable commits: >= 15,000 committed msgs/s, >= 0.25 of the raw INSERT rate
        System.out.printf("ratio committed/raw: %.2f (target >= 0.25), committed msgs/s target >= 15000: %s%n",
                result.ratio(), result.committedPerSecond() >= 15_000 ? "met" : "NOT met");
    }

    public static Result run(String api, String dbUrl, String dbUser, String dbPassword, int senders, Duration duration,
                             int users, int rawConnections) {
        if (api == null || dbUrl == null) {
            throw new IllegalArgumentException("--api and --db-url are required (or a .tangle/dev.env with TANGLE_API_URL and TANGLE_DB_URL)");
        }
        List<String[]> members = new ArrayList<>();
        for (int i = 0; i < Math.max(1, users); i++) {
            members.add(register(api, "bench" + Long.toHexString(System.nanoTime()) + i));
        }
        String conversationId = createConversation(api, members);
        System.out.printf("chat-write: %d senders for %ds into conversation %s via %s%n", senders, duration.toSeconds(),
                conversationId, api);
        send(api, conversationId, members, senders, Duration.ofSeconds(2), new Histogram(3)); // warm-up
        long before = countMessages(dbUrl, dbUser, dbPassword, conversationId);
        Histogram latency = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        long start = System.nanoTime();
        long acked = send(api, conversationId, members, senders, duration, latency);
        double seconds = (System.nanoTime() - start) / 1e9;
        long committed = countMessages(dbUrl, dbUser, dbPassword, conversationId) - before;
        if (committed < acked) {
            throw new IllegalStateException("acknowledged " + acked + " sends but only " + committed + " are in the database");
        }
        double rate = acked / seconds;
        double p50 = latency.getValueAtPercentile(50) / 1e6;
        double p99 = latency.getValueAtPercentile(99) / 1e6;
        System.out.printf("REST send: %d committed in %.1fs = %.0f msgs/s, p50 %.2f ms, p99 %.2f ms (verified %d rows in DB)%n",
                acked, seconds, rate, p50, p99, committed);
        double raw = rawInserts(dbUrl, dbUser, dbPassword, rawConnections, duration);
        System.out.printf("raw single-row INSERT (autocommit, %d connections): %.0f rows/s%n", rawConnections, raw);
        return new Result(rate, p50, p99, raw);
    }

    /** Runs {@code senders} concurrent REST senders for {@code duration}; returns the number of 201s. */
    private static long send(String api, String conversationId, List<String[]> members, int senders, Duration duration,
                             Histogram latency) {
        AtomicLong acked = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Future<Histogram>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders; s++) {
                String token = members.get(s % members.size())[1];
                String prefix = UUID.randomUUID() + "-";
                results.add(pool.submit(() -> {
                    Histogram own = new Histogram(latency.getHighestTrackableValue(), 3);
                    try (Http1Connection http = new Http1Connection(URI.create(api), "POST",
                            "/v1/conversations/" + conversationId + "/messages", "Bearer " + token)) {
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            byte[] body = ("{\"clientMsgId\":\"" + prefix + i + "\",\"text\":\"bench message " + i + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                            long t0 = System.nanoTime();
                            Http1Connection.Response response = http.exchange(body);
                            long took = System.nanoTime() - t0;
                            if (response.status() != 201) {
                                throw new IllegalStateException("send failed: " + response.status() + " " + response.text());
                            }
                            own.recordValue(Math.min(took, own.getHighestTrackableValue()));
                            acked.incrementAndGet();
                        }
                    }
                    return own;
                }));
            }
            for (Future<Histogram> f : results) {
                latency.add(f.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("bench senders failed: " + e.getMessage(), e);
        }
        return acked.get();
    }

    /** Single-row autocommit INSERTs into a scratch table, one connection per worker. */
    private static double rawInserts(String dbUrl, String user, String password, int connections, Duration duration) {
        String table = "tangle_bench_raw_" + Long.toHexString(System.nanoTime());
        execute(dbUrl, user, password, "CREATE TABLE public." + table + " (id bigserial PRIMARY KEY, "
                + "conversation_id uuid NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        try {
            AtomicLong rows = new AtomicLong();
            long deadline = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    workers.add(pool.submit(() -> {
                        try (Connection c = DriverManager.getConnection(dbUrl, user, password);
                             PreparedStatement insert = c.prepareStatement("INSERT INTO public." + table
                                                                           + " (conversation_id, text) VALUES (?, ?)")) {
                            UUID conversation = UUID.randomUUID();
                            while (System.nanoTime() < deadline) {
                                insert.setObject(1, conversation);
                                insert.setString(2, "bench message");
                                insert.executeUpdate();
                                rows.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("raw insert workers failed: " + e.getMessage(), e);
            }
            return rows.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            execute(dbUrl, user, password, "DROP TABLE IF EXISTS public." + table);
        }
    }

    private static String[] register(String api, String handle) {
        JsonNode body = post(api, "/v1/auth/register", Map.of("handle", handle, "password", "bench-password-" + handle), null, 201);
        return new String[] {body.get("user").get("id").asText(), body.get("accessToken").asText()};
    }

    private static String createConversation(String api, List<String[]> members) {
        List<String> ids = members.stream().skip(1).map(m -> m[0]).toList();
        return post(api, "/v1/conversations", Map.of("kind", "group", "title", "bench", "memberIds", ids),
                members.getFirst()[1], 201).get("id").asText();
    }

    private static JsonNode post(String api, String path, Object body, String token, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
            }
            return Json.tree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long countMessages(String dbUrl, String user, String password, String conversationId) {
        try (Connection c = DriverManager.getConnection(dbUrl, user, password);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM api.messages WHERE conversation_id = ?")) {
            s.setObject(1, UUID.fromString(conversationId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count messages: " + e.getMessage(), e);
        }
    }

    private static void execute(String dbUrl, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(dbUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code --key value} pairs over defaults from {@code .tangle/dev.env}. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> opts = new HashMap<>();
        Map<String, String> env = DevEnv.fileVariables();
        putIf(opts, "api", env.get("TANGLE_API_URL"));
        putIf(opts, "db-url", env.get("TANGLE_DB_URL"));
        putIf(opts, "db-user", env.get("TANGLE_DB_USER"));
        putIf(opts, "db-password", env.get("TANGLE_DB_PASSWORD"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && i + 1 < args.size()) {
                opts.put(arg.substring(2), args.get(++i));
            } else if (!arg.equals("chat-write")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
        }
        return opts;
    }

    private static void putIf(Map<String, String> opts, String key, String value) {
        if (value != null && !value.isBlank()) {
            opts.put(key, value);
        }
    }
}
