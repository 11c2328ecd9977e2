package dev.tangle.tools.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * The bench's fan-out under one fault, with every delivery accounted: clients spread over every socket-server,
 * reconnect (to the next instance) whenever their connection drops or stays silent for 4 s, and resume from their
 * last seq. A fault runs a few seconds into the send schedule ({@code --fault-at}); once it is repaired, every client
 * is back and the outbox is empty, the schedule goes on for {@code --after-recovery} more (so that sends on the
 * recovered stack are accounted too) and then ends, even if its {@code --duration} is not over; afterwards the run
 * waits until every acknowledged message reached every member and every send on a live connection was answered, or
 * until the drain deadline. A stack that does not recover sends for the whole {@code --duration}.
 */
public final class ChaosLoad extends FanoutRun {

    /** Something broken and repaired while the load runs. */
    public interface Fault {
        /** Breaks, waits, repairs; returns once the repair is done (e.g. the killed process is ready again). */
        void run(Clients clients) throws Exception;
    }

    /** What a fault may do to the clients themselves. */
    public interface Clients {
        /** Stops (or resumes) reading on the connections of the first {@code count} members of group 0. */
        void pauseReading(int count, boolean paused);

        /**
         * Sends {@code perSecond} extra messages of {@code bytes} into group 0 for {@code length}, from its members
         * that still read (not accounted by the ledger, but their seqs are: a reader must still see every one).
         */
        void flood(int perSecond, int bytes, Duration length);
    }

    /** What one scenario showed. Times in seconds; -1 when it never happened before the deadline. */
    public record Result(String scenario, long sent, long acked, long refused, long ackedDeliveriesMissing, long gaps,
                         long duplicates, double clientsBackSeconds, double outboxDrainSeconds, long hung,
                         long slowAcks, long slowRefusals, long cutByDrop, int clientsNotBack, long drops, String note) {

        /** Nothing acknowledged lost, no gap, no duplicate, every client back, no send unanswered or refused late. */
        public boolean clean() {
            return ackedDeliveriesMissing == 0 && gaps == 0 && duplicates == 0 && clientsNotBack == 0 && hung == 0
                   && slowRefusals == 0 && note.isEmpty();
        }
    }

    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final long OUTCOME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ChaosTarget chaos;
    private final Fault fault;
    private final BooleanSupplier outboxEmpty;
    private final Duration faultAt;
    private final long afterRecoveryNanos;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
    private final AtomicLongArray outcome;
    private final int[] dropsAtSend;
    private final AtomicLongArray sentAt;
    private final boolean[] paused;
    private volatile boolean finished;
    private volatile Thread faultThread;
    private volatile long faultStart;
    private volatile long faultEnd;
    private volatile long clientsBack = -1;
    private volatile long lastNotAllReady;
    private volatile long outboxDrained = -1;
    private volatile long recovered = -1;
    private volatile Throwable faultError;
    private Result result;

    /**
     * @param api         the api-server to set users and groups up through
     * @param sockets     every socket-server's WebSocket endpoint
     * @param serverPids  processes whose CPU and memory the report shows, by name
     * @param outboxEmpty true once no outbox row has waited long to be published (no backlog)
     */
    public ChaosLoad(String scenario, URI api, List<URI> sockets, Map<String, Long> serverPids, List<String> options,
                     Fault fault, BooleanSupplier outboxEmpty) {
        this(scenario, chaosTarget(api, sockets, serverPids, BenchOptions.parse(options)), BenchOptions.parse(options), fault,
                outboxEmpty);
    }

    private ChaosLoad(String scenario, ChaosTarget target, BenchOptions opts, Fault fault, BooleanSupplier outboxEmpty) {
        super(scenario, target, opts);
        this.chaos = target;
        this.fault = fault;
        this.outboxEmpty = outboxEmpty;
        this.faultAt = opts.duration("fault-at", Duration.ofSeconds(4));
        this.afterRecoveryNanos = opts.duration("after-recovery", Duration.ofSeconds(3)).toNanos();
        this.expectation = Ledger.Expectation.RESUMED;
        this.outcome = new AtomicLongArray(ledger.capacity());
        this.dropsAtSend = new int[ledger.capacity()];
        this.sentAt = new AtomicLongArray(ledger.capacity());
        this.paused = new boolean[pop.clients.size()];
    }

    private static ChaosTarget chaosTarget(URI api, List<URI> sockets, Map<String, Long> pids, BenchOptions opts) {
        DevEnv env = new DevEnv(api, sockets.getFirst(), Map.of());
        return new ChaosTarget(new TangleTarget(env, opts), sockets, pids);
    }

    /** Runs the load with the fault and returns what it showed. */
    public Result execute() throws Exception {
        run().print(System.out);
        return result;
    }

    /** A client whose connection closes reconnects, also one refused while connecting (1013: try again later). */
    @Override
    protected void beforeConnect() {
        fleet.onDrop = c -> {
            if (!finished) {
                timers.schedule(() -> fleet.connect(c), ThreadLocalRandom.current().nextInt(250, 750), TimeUnit.MILLISECONDS);
            }
        };
    }

    @Override
    protected void beforeMeasure() {
        chaos.onSend = (c, msg) -> {
            if (msg >= 0 && msg < dropsAtSend.length) {
                dropsAtSend[msg] = c.drops;
                sentAt.set(msg, System.nanoTime());
            }
        };
        timers.scheduleAtFixedRate(this::heartbeat, 1, 1, TimeUnit.SECONDS);
        faultThread = Thread.ofPlatform().name("chaos-fault").start(this::injectFault);
    }

    private void injectFault() {
        try {
            Thread.sleep(faultAt.toMillis());
            faultStart = System.nanoTime();
            System.out.printf("  [%s] fault starts%n", scenario);
            var watch = timers.scheduleAtFixedRate(() -> {
                if (fleet.ready() < pop.clients.size()) {
                    lastNotAllReady = System.nanoTime();
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            fault.run(new Clients() {
                @Override
                public void pauseReading(int count, boolean paused) {
                    ChaosLoad.this.pauseReading(count, paused);
                }

                @Override
                public void flood(int perSecond, int bytes, Duration length) {
                    ChaosLoad.this.flood(perSecond, bytes, length);
                }
            });
            faultEnd = System.nanoTime();
            System.out.printf("  [%s] fault repaired after %.1f s%n", scenario, (faultEnd - faultStart) / 1e9);
            long deadline = System.nanoTime() + opts.duration("recovery-timeout", Duration.ofSeconds(60)).toNanos();
            while (System.nanoTime() < deadline && (clientsBack < 0 || outboxDrained < 0)) {
                long now = System.nanoTime();
                if (clientsBack < 0 && fleet.ready() == pop.clients.size()) {
                    watch.cancel(false);
                    clientsBack = Math.max(lastNotAllReady, faultStart);
                }
                if (outboxDrained < 0 && outboxEmpty.getAsBoolean()) {
                    outboxDrained = now;
                }
                Thread.sleep(100);
            }
            if (clientsBack >= 0 && outboxDrained >= 0) {
                recovered = System.nanoTime();
                System.out.printf("  [%s] recovered %.1f s after the repair%n", scenario, (recovered - faultEnd) / 1e9);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            faultError = e;
            System.out.println("  [" + scenario + "] fault failed: " + e);
        }
    }

    private void pauseReading(int count, boolean pause) {
        for (int p = 0; p < Math.min(count, pop.sizeOf(0)); p++) {
            BenchClient c = pop.member(0, p);
            paused[c.index] = pause;
            if (c.conn != null) {
                c.conn.pauseReading(pause);
            }
        }
    }

    private void flood(int perSecond, int bytes, Duration length) {
        long interval = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        long end = next + length.toNanos();
        int senders = Math.max(1, pop.sizeOf(0) - 2);
        for (int n = 0; System.nanoTime() < end; n++) {
            BenchClient sender = pop.member(0, Math.min(pop.sizeOf(0) - 1, 2 + n % senders));
            if (sender.isReady() && !paused[sender.index] && sender.conn != null) {
                int id = ledger.capacity() + n;
                chaos.tangle.send(sender, id, Payload.text(id, 0, bytes));
            }
            next += interval;
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    /** Pings quiet clients; drops (and so reconnects) those silent for 4 s, as a mobile client's watchdog does. */
    private void heartbeat() {
        long now = System.nanoTime();
        for (BenchClient c : pop.clients) {
            if (!c.isReady() || paused[c.index] || c.conn == null) {
                continue;
            }
            long silent = chaos.silentNanos(c, now);
            if (silent > SILENCE_NANOS) {
                c.conn.abort();
            } else if (silent > TimeUnit.SECONDS.toNanos(1)) {
                chaos.ping(c);
            }
        }
    }

    /** True once the stack recovered from the fault {@code --after-recovery} ago. */
    @Override
    protected boolean scheduleComplete() {
        long at = recovered;
        return at >= 0 && System.nanoTime() - at >= afterRecoveryNanos;
    }

    @Override
    protected void drain() throws InterruptedException {
        long deadline = System.nanoTime() + opts.duration("drain", Duration.ofSeconds(60)).toNanos();
        while (System.nanoTime() < deadline) {
            Thread thread = faultThread;
            boolean faultDone = thread == null || !thread.isAlive();
            Ledger.Tally t = ledger.tally(warmups, warmups + count, expectation);
            if (faultDone && t.missing() == 0 && totalGaps() == 0 && unanswered() == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void acked(BenchClient c, int msg, long nanos) {
        if (msg >= 0 && msg < outcome.length()) {
            outcome.compareAndSet(msg, 0, nanos);
        }
        super.acked(c, msg, nanos);
    }

    @Override
    public void failed(BenchClient c, int msg, String why) {
        if (msg >= 0 && msg < outcome.length()) {
            outcome.compareAndSet(msg, 0, System.nanoTime());
        }
        super.failed(c, msg, why);
    }

    /** Sends without an answer whose sender has not dropped since. */
    private long unanswered() {
        long n = 0;
        for (int m = warmups; m < warmups + count; m++) {
            if (ledger.wasSent(m) && outcome.get(m) == 0 && ledger.senderOf(m).drops == dropsAtSend[m]) {
                n++;
            }
        }
        return n;
    }

    private long totalGaps() {
        long gaps = 0;
        for (BenchClient c : pop.clients) {
            if (c.isReady()) {
                gaps += chaos.gaps(pop, c);
            }
        }
        return gaps;
    }

    @Override
    protected void afterMeasure() {
        finished = true;
        Thread thread = faultThread;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.shutdownNow();
        Ledger.Tally t = ledger.tally(warmups, warmups + count, expectation);
        long hung = 0;
        long slowAcks = 0;
        long slowRefusals = 0;
        long cut = 0;
        for (int m = warmups; m < warmups + count; m++) {
            if (!ledger.wasSent(m)) {
                continue;
            }
            long done = outcome.get(m);
            BenchClient sender = ledger.senderOf(m);
            if (done != 0) {
                if (done - sentAt.get(m) > OUTCOME_LIMIT_NANOS) {
                    if (ledger.wasAcked(m)) {
                        slowAcks++;
                    } else {
                        slowRefusals++;
                    }
                }
            } else if (sender.drops != dropsAtSend[m]) {
                cut++;
            } else {
                hung++;
            }
        }
        int notBack = pop.clients.size() - fleet.ready();
        long drops = fleet.drops.get();
        String note = faultError != null ? "fault failed: " + faultError : "";
        if (chaos.holesAtResume.sum() > 0) {
            System.out.printf("  [%s] %d reconnects resumed from below a hole in the seqs they had%n", scenario,
                    chaos.holesAtResume.sum());
        }
        result = new Result(scenario, t.sent(), t.acked(), t.failed(), t.missing(), totalGaps(),
                ledger.duplicates.sum() + chaos.seqDuplicates.sum(),
                clientsBack < 0 ? -1 : Math.max(0, Math.round((clientsBack - faultStart) / 1e8) / 10.0),
                outboxDrained < 0 ? -1 : Math.max(0, Math.round((outboxDrained - faultEnd) / 1e8) / 10.0),
                hung, slowAcks, slowRefusals, cut, notBack, drops, note);
    }
}
