package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code tangle bench search}: seeds 1,000,000 messages (default) in group conversations straight into
 * PostgreSQL with COPY (words drawn from a Zipf-distributed vocabulary, so some are everywhere and most are rare),
 * then measures {@code GET /v1/search} over REST as seeded members with several concurrent clients — words, two-word
 * queries, phrases and prefixes — and, beside it in the same run, the same full-text query straight on PostgreSQL
 * over JDBC without authorization or HTTP (the peer: what the index alone costs).
 *
 * <p>Options: as {@code bench feed} (--db-url, --api, --reseed) plus {@code --messages}, {@code --users},
 * {@code --conversations}, {@code --members}, {@code --requests} (default 4000), {@code --clients} (default 4).
 */
public final class SearchBench {

    static final String HANDLE_PREFIX = "sbench_";
    private static final int VOCABULARY = 20_000;

    private final Map<String, String> options;
    private final BenchApi api;
    private final Random random = new Random(11);

    private SearchBench(Map<String, String> options) {
        this.options = options;
        this.api = new BenchApi(options.getOrDefault("api", "http://127.0.0.1:8080"));
    }

    public static void run(List<String> args) {
        try {
            new SearchBench(FeedBench.options(args)).run();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("bench search failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("bench search failed: " + e, e);
        }
    }

    private void run() throws Exception {
        int messages = intOption("messages", 1_000_000);
        int users = intOption("users", 2_000);
        int conversations = intOption("conversations", 2_000);
        int members = intOption("members", 20);
        System.out.printf("bench search: api %s, %,d messages in %,d conversations of %d members, %,d users%n",
                api.base(), messages, conversations, members, users);
        try (Connection db = DriverManager.getConnection(options.get("db-url"), options.get("db-user"),
                options.getOrDefault("db-password", ""))) {
            db.createStatement().execute("SET search_path TO api");
            if (seededMessages(db) < messages || options.containsKey("reseed")) {
                seed(db, users, conversations, members, messages);
            } else {
                System.out.println("  using the existing seed (--reseed to seed again)");
            }
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // under the default login limit per IP (30/min)
            tokens.add(api.login(HANDLE_PREFIX + random.nextInt(users)));
        }
        List<String> queries = queries(intOption("requests", 4000));
        int clients = intOption("clients", 4);
        Result rest = measure(clients, queries, (q, i) -> api.get("/v1/search?kind=messages&limit=20&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), tokens.get(i % tokens.size())).get("items").size());
        Result raw = measureRaw(clients, queries);
        System.out.printf("%n%-44s %10s %9s %9s %9s %10s%n", "", "queries/s", "p50 ms", "p99 ms", "max ms", "hits/query");
        rest.print("Tangle GET /v1/search (member's conversations)");
        raw.print("PostgreSQL alone (same tsquery, no auth/HTTP)");
    }

    private static long seededMessages(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM messages m JOIN users u "
                + "ON u.id = m.sender_id WHERE u.handle LIKE 'sbench\\_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A pseudo-word per vocabulary rank: syllables, so the English stemmer leaves most of them alone. */
    static String word(int rank) {
        String[] syllables = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "pe", "zu", "ba", "do", "fi", "gu", "ho"};
        StringBuilder w = new StringBuilder();
        int n = rank + 15;
        while (n > 0) {
            w.append(syllables[n % syllables.length]);
            n /= syllables.length;
        }
        return w.toString();
    }

    private int zipfRank() {
        // inverse-CDF sampling of ~1/rank over the vocabulary
        double u = random.nextDouble();
        return (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(u * Math.log(VOCABULARY))) - 1);
    }

    private void seed(Connection db, int userCount, int conversationCount, int members, int messageCount)
            throws Exception {
        long t = System.nanoTime();
        try (Statement s = db.createStatement()) { // an earlier, smaller seed: its conversations and messages go with it
            s.execute("DELETE FROM conversations WHERE created_by IN (SELECT id FROM users WHERE handle LIKE 'sbench\\_%')");
            s.execute("DELETE FROM conversation_members WHERE user_id IN (SELECT id FROM users WHERE handle LIKE 'sbench\\_%')");
            s.execute("DELETE FROM users WHERE handle LIKE 'sbench\\_%'");
        }
        String hash = api.templateHash(db, HANDLE_PREFIX);
        FeedSeeder ids = new FeedSeeder(db);
        long now = System.currentTimeMillis();
        long start = now - 180L * 24 * 3600 * 1000;
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(ids.uuid7(start - (userCount - i) * 1000L));
        }
        Copy.into(db, "users (id, handle, display_name, password_hash)", w -> {
            for (int i = 0; i < userCount; i++) {
                Copy.row(w, users.get(i), HANDLE_PREFIX + i, "Search bench " + i, hash);
            }
        });
        List<UUID> conversations = new ArrayList<>();
        List<List<UUID>> memberLists = new ArrayList<>();
        for (int c = 0; c < conversationCount; c++) {
            conversations.add(ids.uuid7(start + c));
            List<UUID> m = new ArrayList<>();
            for (int k = 0; k < members; k++) {
                UUID u = users.get(random.nextInt(userCount));
                if (!m.contains(u)) {
                    m.add(u);
                }
            }
            memberLists.add(m);
        }
        int perConversation = messageCount / conversationCount;
        Copy.into(db, "conversations (id, kind, title, created_by, last_seq)", w -> {
            for (int c = 0; c < conversationCount; c++) {
                Copy.row(w, conversations.get(c), "group", "Bench " + c, memberLists.get(c).getFirst(), perConversation);
            }
        });
        Copy.into(db, "conversation_members (conversation_id, user_id)", w -> {
            for (int c = 0; c < conversationCount; c++) {
                for (UUID u : memberLists.get(c)) {
                    Copy.row(w, conversations.get(c), u);
                }
            }
        });
        FeedSeeder.log("users and conversations", t);
        t = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("DROP INDEX IF EXISTS messages_search_idx");
        }
        long step = (now - start) / perConversation;
        Copy.into(db, "messages (id, conversation_id, seq, sender_id, client_msg_id, text, format, created_at)", w -> {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < conversationCount; c++) {
                List<UUID> m = memberLists.get(c);
                for (int s = 1; s <= perConversation; s++) {
                    long at = start + s * step + c;
                    text.setLength(0);
                    int words = 6 + random.nextInt(14);
                    for (int k = 0; k < words; k++) {
                        text.append(k == 0 ? "" : " ").append(word(zipfRank()));
                    }
                    Copy.row(w, ids.uuid7(at), conversations.get(c), s, m.get(s % m.size()), "sb-" + c + "-" + s,
                            text, "plain", java.time.Instant.ofEpochMilli(at));
                }
            }
        });
        FeedSeeder.log(messageCount + " messages", t);
        t = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX messages_search_idx ON messages USING gin (conversation_id, search)");
            s.execute("VACUUM ANALYZE users, conversations, conversation_members, messages");
        }
        FeedSeeder.log("search index and analyze", t);
    }

    /** A mix: one word of middling frequency, two words, a phrase of two frequent words, a prefix. */
    private List<String> queries(int count) {
        List<String> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            queries.add(switch (i % 4) {
                case 0 -> word(10 + random.nextInt(2000));
                case 1 -> word(random.nextInt(200)) + " " + word(100 + random.nextInt(2000));
                case 2 -> "\"" + word(random.nextInt(50)) + " " + word(random.nextInt(50)) + "\"";
                default -> {
                    String w = word(200 + random.nextInt(5000));
                    yield w.substring(0, Math.max(3, w.length() - 2)) + "*";
                }
            });
        }
        return queries;
    }

    @FunctionalInterface
    interface Query {
        int run(String q, int i) throws Exception;
    }

    record Result(double perSecond, Histogram latency, double hitsPerQuery) {
        void print(String name) {
            System.out.printf("%-44s %10.0f %9.2f %9.2f %9.2f %10.1f%n", name, perSecond,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6, hitsPerQuery);
        }
    }

    private Result measure(int clients, List<String> queries, Query query) throws Exception {
        for (int i = 0; i < Math.min(200, queries.size()); i++) {
            query.run(queries.get(i), i); // warm-up, not recorded
        }
        Recorder recorder = new Recorder(3);
        AtomicLong hits = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long t = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = (int) next.getAndIncrement(); i < queries.size(); i = (int) next.getAndIncrement()) {
                        long s = System.nanoTime();
                        hits.addAndGet(query.run(queries.get(i), i));
                        recorder.recordValue(System.nanoTime() - s);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        return new Result(queries.size() / seconds, recorder.getIntervalHistogram(), hits.get() / (double) queries.size());
    }

    /** The same queries as a member would run them, but over every conversation and straight on PostgreSQL. */
    private Result measureRaw(int clients, List<String> queries) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Connection db = DriverManager.getConnection(options.get("db-url"), options.get("db-user"),
                    options.getOrDefault("db-password", ""));
            db.createStatement().execute("SET search_path TO api");
            connections.add(db);
            statements.add(db.prepareStatement("SELECT id FROM messages WHERE search @@ to_tsquery('english', ?) "
                    + "ORDER BY ts_rank_cd(search, to_tsquery('english', ?)) DESC LIMIT 20"));
        }
        ThreadLocal<PreparedStatement> mine = new ThreadLocal<>();
        AtomicLong assign = new AtomicLong();
        try {
            return measure(clients, queries, (q, i) -> {
                PreparedStatement s = mine.get();
                if (s == null) {
                    s = statements.get((int) (assign.getAndIncrement() % clients));
                    mine.set(s);
                }
                String tsquery = tsquery(q);
                s.setString(1, tsquery);
                s.setString(2, tsquery);
                int n = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                return n;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** The tsquery Tangle builds for the four query shapes of {@link #queries}. */
    static String tsquery(String q) {
        if (q.startsWith("\"")) {
            return String.join(" <-> ", q.replace("\"", "").split(" "));
        }
        return q.endsWith("*") ? q.replace("*", ":*") : String.join(" & ", q.split(" "));
    }

    private int intOption(String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)).replace("_", ""));
    }
}
