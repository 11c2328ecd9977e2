package dev.tangle.tools.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tangle itself: registered users in group conversations, one socket-server WebSocket each (token in the
 * query, as a browser sends it), sends as {@code send} frames acknowledged by {@code ack}, deliveries as
 * {@code message}/{@code created} pushes. With {@link #resumeOnConnect} a (re)connected client sends
 * {@code resume} with its last seen seq and counts as ready only on {@code resumed}.
 */
final class TangleTarget implements Target {

    private static final byte[] TYPE = Scan.stringKey("type");
    private static final byte[] ID = Scan.stringKey("id");
    private static final byte[] SEQ = Scan.key("seq");
    private static final byte[] CREATED = "\"event\":\"created\"".getBytes(StandardCharsets.US_ASCII);

    final DevEnv env;
    private final BenchOptions opts;
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicInteger errorsShown = new AtomicInteger();
    final TangleSetup setup;
    List<String> conversations = List.of();
    volatile boolean resumeOnConnect;

    /** What a client holds: its user and the last seq it saw of its conversation. */
    static final class Session {
        final TangleSetup.User user;
        volatile long lastSeq;

        Session(TangleSetup.User user) {
            this.user = user;
        }
    }

    TangleTarget(DevEnv env, BenchOptions opts) {
        this.env = env;
        this.opts = opts;
        this.setup = new TangleSetup(env.api(), BenchCommand.scratch().resolve("tangle-users.json"),
                opts.integer("setup-concurrency", 16));
    }

    @Override
    public String name() {
        return "tangle";
    }

    @Override
    public void prepare(Population pop) throws Exception {
        setup.checkReachable();
        long t0 = System.nanoTime();
        // seeded into the dev database with tokens signed by its key file (seconds for 10,000 users, not argon2id's
        // minutes), as `bench location` does; --seed false registers them over REST. Seeded users are new every run:
        // users kept from an earlier run would bring its conversations along (memberships to load, subscriptions
        // to hold), and each run's connect and memory figures would depend on how many runs came before.
        java.nio.file.Path keys = opts.path("keys-file") != null ? opts.path("keys-file") : SeededUsers.defaultKeysFile();
        boolean seed = !opts.string("seed", "auto").equals("false") && java.nio.file.Files.exists(keys)
                       && env.vars().containsKey("TANGLE_DB_URL");
        List<TangleSetup.User> users = seed ? SeededUsers.seed(env.vars(), keys, "cb" + runId, pop.clients.size())
                : setup.users(pop.clients.size());
        for (BenchClient c : pop.clients) {
            c.session = new Session(users.get(c.index));
        }
        List<List<TangleSetup.User>> groups = new ArrayList<>();
        for (int g = 0; g < pop.groups; g++) {
            List<TangleSetup.User> members = new ArrayList<>();
            for (int p = 0; p < pop.sizeOf(g); p++) {
                members.add(users.get(pop.member(g, p).index));
            }
            groups.add(members);
        }
        conversations = setup.groupConversations(groups);
        System.out.printf("  %d users and %d group conversations ready in %.1f s (api %s, ws %s)%n", users.size(),
                conversations.size(), (System.nanoTime() - t0) / 1e9, env.api(), env.socketEndpoint());
    }

    @Override
    public URI uri(BenchClient c) {
        Session s = c.session();
        return URI.create(env.socketEndpoint() + "?access_token=" + URLEncoder.encode(s.user.accessToken(), StandardCharsets.UTF_8));
    }

    @Override
    public void opened(BenchClient c, Events events) {
        // socket-server speaks first (hello)
    }

    @Override
    public boolean send(BenchClient c, int msg, String payload) {
        return c.conn.sendText("{\"type\":\"send\",\"id\":\"s" + msg + "\",\"conversationId\":\"" + conversations.get(c.group)
                + "\",\"clientMsgId\":\"" + runId + "-" + msg + "\",\"text\":\"" + payload + "\"}");
    }

    /** Any other frame a mixed workload sends (typing, read, presence, ping). */
    boolean sendRaw(BenchClient c, String json) {
        return c.conn != null && c.conn.sendText(json);
    }

    String conversationOf(BenchClient c) {
        return conversations.get(c.group);
    }

    @Override
    public void frame(BenchClient c, byte[] d, int off, int len, boolean text, long recvNanos, Events events) {
        String type = Scan.stringField(d, off, len, TYPE);
        if (type == null) {
            return;
        }
        Session s = c.session();
        switch (type) {
            case "message" -> {
                if (Scan.indexOf(d, off, off + len, CREATED) < 0) {
                    return;
                }
                long seq = Scan.longField(d, off, len, SEQ);
                if (seq > s.lastSeq) {
                    s.lastSeq = seq;
                }
                long[] p = new long[2];
                if (Payload.find(d, off, len, p)) {
                    events.delivered(c, (int) p[0], p[1], recvNanos);
                }
            }
            case "ack" -> events.acked(c, msgOf(Scan.stringField(d, off, len, ID)), recvNanos);
            case "error" -> {
                String detail = new String(d, off, len, StandardCharsets.UTF_8);
                if (errorsShown.incrementAndGet() <= 5) {
                    System.err.println("bench: tangle error frame: " + detail);
                }
                events.failed(c, msgOf(Scan.stringField(d, off, len, ID)), detail);
            }
            case "hello" -> {
                if (resumeOnConnect) {
                    c.conn.sendText("{\"type\":\"resume\",\"id\":\"r" + c.index + "\",\"cursors\":{\"" + conversationOf(c)
                            + "\":" + s.lastSeq + "}}");
                } else {
                    events.ready(c, recvNanos);
                }
            }
            case "resumed" -> events.ready(c, recvNanos);
            default -> {
                // typing, presence, read, conversation, notification, pong: not accounted
            }
        }
    }

    private static int msgOf(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != 's') {
            return -1;
        }
        try {
            return Integer.parseInt(id.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public Map<String, Long> serverPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        addPid(pids, "api-server", env.api().getPort());
        addPid(pids, "socket-server", env.ws().getPort());
        addPid(pids, "nats-server", env.portOf("TANGLE_NATS_URL"));
        addPid(pids, "postgres", env.portOf("TANGLE_DB_URL"));
        return pids;
    }

    private static void addPid(Map<String, Long> pids, String service, int port) {
        if (port <= 0) {
            return;
        }
        ProcStats.pidListeningOn(port).ifPresent(pid -> {
            // several services in one JVM are one process: measure it once, under both names
            String shared = pids.entrySet().stream().filter(e -> e.getValue().equals(pid)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (shared != null) {
                pids.remove(shared);
                pids.put(shared + "+" + service, pid);
            } else {
                pids.put(service, pid);
            }
        });
    }

    @Override
    public void close() {
        // users stay cached for the next run; the stack keeps running
    }
}
