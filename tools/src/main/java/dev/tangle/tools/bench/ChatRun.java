package dev.tangle.tools.bench;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code chat}: the fan-out schedule plus what people do between messages, each at its own rate with random
 * (exponential) think times: typing, read markers, presence changes, history fetches over REST, and
 * reconnect-and-resume. Members that reconnect must still receive everything (resume fills the gap), so the
 * expectation is {@link Ledger.Expectation#RESUMED}. Tangle only: the peers have no history or resume.
 */
final class ChatRun extends FanoutRun {

    private static final List<String> STATUSES = List.of("online", "away", "dnd", "online");

    private final TangleTarget tangle;
    private final ScheduledExecutorService actions = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().factory());
    private final Latency history = new Latency();
    private final LongAdder historyFailed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder others = new LongAdder();

    ChatRun(Target target, BenchOptions opts) {
        super("chat", target, opts);
        if (!(target instanceof TangleTarget t)) {
            throw new IllegalArgumentException("chat runs against Tangle only (typing, presence, history and resume are Tangle's)");
        }
        this.tangle = t;
        this.expectation = Ledger.Expectation.RESUMED;
    }

    @Override
    protected void beforeMeasure() {
        double rate = opts.decimal("rate", 200);
        tangle.resumeOnConnect = true;
        every(opts.decimal("typing-rate", rate / 2), c -> frame(c, "{\"type\":\"typing\",\"conversationId\":\"" + tangle.conversationOf(c) + "\"}"));
        every(opts.decimal("read-rate", rate / 2), c -> frame(c, "{\"type\":\"read\",\"conversationId\":\"" + tangle.conversationOf(c)
                + "\",\"seq\":" + Math.max(1, c.<TangleTarget.Session>session().lastSeq) + "}"));
        every(opts.decimal("presence-rate", 5), c -> frame(c, "{\"type\":\"presence\",\"status\":\""
                + STATUSES.get(ThreadLocalRandom.current().nextInt(STATUSES.size())) + "\"}"));
        every(opts.decimal("history-rate", 5), c -> Thread.ofVirtual().start(() -> fetchHistory(c)));
        every(opts.decimal("reconnect-rate", 2), this::reconnect);
    }

    @Override
    protected void afterMeasure() {
        actions.shutdownNow();
        System.out.printf("  chat extras: %d typing/read/presence frames, %d reconnect-and-resume, history %s (%d failed)%n",
                others.sum(), reconnects.sum(), Report.latency(Latency.summarize(history.total())), historyFailed.sum());
    }

    /** Runs {@code action} on a random ready client about {@code perSecond} times a second (Poisson arrivals). */
    private void every(double perSecond, java.util.function.Consumer<BenchClient> action) {
        if (perSecond <= 0) {
            return;
        }
        actions.execute(new Runnable() {
            @Override
            public void run() {
                BenchClient c = pop.clients.get(ThreadLocalRandom.current().nextInt(pop.clients.size()));
                if (c.isReady()) {
                    action.accept(c);
                }
                long thinkMicros = (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) / perSecond * 1e6);
                actions.schedule(this, thinkMicros, TimeUnit.MICROSECONDS);
            }
        });
    }

    private void frame(BenchClient c, String json) {
        if (tangle.sendRaw(c, json)) {
            others.increment();
        }
    }

    private void fetchHistory(BenchClient c) {
        TangleTarget.Session s = c.session();
        long t0 = System.nanoTime();
        try {
            tangle.setup.get("/v1/conversations/" + tangle.conversationOf(c) + "/messages?afterSeq="
                    + Math.max(0, s.lastSeq - 20) + "&limit=20", s.user.accessToken());
            history.record(System.nanoTime() - t0);
        } catch (Exception e) {
            historyFailed.increment();
        }
    }

    /** Drops the connection as a phone losing signal would, then reconnects after a think time and resumes. */
    private void reconnect(BenchClient c) {
        reconnects.increment();
        c.conn.abort();
        actions.schedule(() -> fleet.connect(c), ThreadLocalRandom.current().nextInt(200, 1000), TimeUnit.MILLISECONDS);
    }
}
