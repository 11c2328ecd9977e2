package dev.tangle.common.outbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.tangle.common.db.Database;
import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import dev.tangle.common.metrics.Metrics;
import io.helidon.dbclient.DbRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * Publishes outbox rows to JetStream with {@code Nats-Msg-Id} = event id and deletes them once acknowledged.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of instances can run relays at once;
 * a row published but not deleted (crash between ack and commit) is published again and de-duplicated by the
 * stream. While NATS is unreachable rows stay and are retried with back-off. {@link #kick()} after a commit
 * publishes at once; a poll catches what another process committed.
 *
 * <p>A kicked pass reads only ids from {@value #RECENT_MILLIS} ms before the newest id it published (ids are
 * UUIDv7, so they start with their creation time): deleted rows stay in the primary-key index until vacuum, and
 * reading from the start of it walked tens of thousands of them per pass under load. Every poll interval a pass
 * reads the whole table, which catches a row whose transaction ran longer than that.
 *
 * <p>Rows are claimed and deleted by one statement (rolled back if JetStream does not acknowledge), and the relay
 * vacuums the table once it has deleted {@value #VACUUM_AFTER_ROWS} rows: autovacuum visits a database at most
 * once a minute, and in between a busy outbox grew to thousands of pages of deleted rows that every pass read.
 *
 * <p>A writer may publish its rows itself right after its commit ({@link #publisher()}, ADR 0125): it writes them
 * with {@code relay_after} = now + {@value #DIRECT_GRACE_SECONDS} s, which the claim respects, and the relay only
 * deletes the rows JetStream acknowledged, in batches; whatever is not acknowledged by then it publishes like any
 * other row. The deletes of acknowledged rows (here and in the claim) commit without waiting for the WAL flush:
 * a delete lost in a crash only means the row is published again, and the stream de-duplicates it by id.
 */
@Repository // claims, publishes and deletes outbox rows in one transaction: the SQL is the relay
public final class OutboxRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 500;
    private static final long RECENT_MILLIS = 2_000;
    private static final UUID FROM_START = new UUID(0, 0);
    private static final int VACUUM_AFTER_ROWS = 5_000;
    /** How long a row its writer publishes itself is left to that writer before the relay takes it. */
    public static final int DIRECT_GRACE_SECONDS = 5;
    /** The {@code relay_after} of a row its writer publishes itself (SQL expression). */
    public static final String DIRECT_RELAY_AFTER = "now() + interval '" + DIRECT_GRACE_SECONDS + " seconds'";
    private static final int DELETE_BATCH = 2_000;
    private static final long DELETE_DELAY_NANOS = 20_000_000L;
    private static final String CLAIM = "WITH c AS (SELECT id FROM outbox WHERE id >= ? AND relay_after <= now() "
            + "ORDER BY id LIMIT " + BATCH
            + " FOR UPDATE SKIP LOCKED), d AS (DELETE FROM outbox o USING c WHERE o.id = c.id "
            + "RETURNING o.id, o.subject, o.payload) SELECT id, subject, payload FROM d ORDER BY id";

    private final Database db;
    private final JetStream jetStream;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Counter published;
    private final AtomicLong lagRows = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private boolean kicked;
    private long lastLagMeasure = System.nanoTime() - 2_000_000_000L;
    private long lastFullPass = System.nanoTime();
    private long newestPublishedMillis;
    private long deletedSinceVacuum;
    private volatile boolean running = true;
    private final ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger confirmedCount = new AtomicInteger();
    private final OutboxPublisher publisher;
    private final Thread worker;

    public OutboxRelay(Database db, JetStream jetStream, Metrics metrics, Duration pollInterval) {
        this.db = db;
        this.jetStream = jetStream;
        this.pollInterval = pollInterval;
        this.published = Counter.builder(metrics.name("outbox.published"))
                .description("Outbox events acknowledged by JetStream").register(metrics.registry());
        Gauge.builder(metrics.name("outbox.lag.rows"), lagRows, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by JetStream").register(metrics.registry());
        Gauge.builder(metrics.name("outbox.lag.seconds"), lagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest outbox row not yet acknowledged").register(metrics.registry());
        this.publisher = new OutboxPublisher(jetStream, this::confirmed);
        this.worker = Thread.ofVirtual().name("outbox-relay-" + db.schema()).start(this::run);
    }

    /** Publishes rows written with {@link #DIRECT_RELAY_AFTER} right after their commit, in commit order. */
    public OutboxPublisher publisher() {
        return publisher;
    }

    /** JetStream acknowledged a row its writer published: delete it with the next batch. */
    private void confirmed(UUID id) {
        published.increment();
        confirmed.add(id);
        if (confirmedCount.incrementAndGet() == DELETE_BATCH) {
            kickDeletes();
        }
    }

    private void kickDeletes() {
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the relay to publish now (call after a commit that wrote outbox rows). */
    public void kick() {
        lock.lock();
        try {
            kicked = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoffMillis = 0;
        boolean pass = true;
        while (running) {
            try {
                deleteConfirmed();
                boolean full = System.nanoTime() - lastFullPass >= pollInterval.toNanos();
                if (pass || full) {
                    if (full) {
                        lastFullPass = System.nanoTime();
                    }
                    int count;
                    do {
                        count = publishBatch(full ? FROM_START : recentFloor());
                        deletedSinceVacuum += count;
                    } while (count == BATCH && running);
                }
                if (deletedSinceVacuum >= VACUUM_AFTER_ROWS) {
                    deletedSinceVacuum = 0;
                    db.client().execute().dml("VACUUM (SKIP_LOCKED) outbox");
                }
                measureLag();
                backoffMillis = 0;
            } catch (RuntimeException e) {
                backoffMillis = Math.min(5_000, Math.max(100, backoffMillis * 2));
                LOG.log(Level.WARNING, "Outbox relay for " + db.schema() + " failed, retrying in "
                                       + backoffMillis + " ms: " + e.getMessage());
                measureLagQuietly();
            }
            pass = await(backoffMillis > 0 ? Duration.ofMillis(backoffMillis) : nextWait()) || backoffMillis > 0;
        }
    }

    /** Until the next full pass, or shortly when acknowledged rows wait to be deleted. */
    private Duration nextWait() {
        long untilFull = Math.max(0, pollInterval.toNanos() - (System.nanoTime() - lastFullPass));
        return Duration.ofNanos(confirmedCount.get() > 0 ? Math.min(DELETE_DELAY_NANOS, untilFull) : untilFull);
    }

    /** Deletes the rows whose direct publication JetStream acknowledged (async commit, see the class comment). */
    private void deleteConfirmed() {
        while (confirmedCount.get() > 0) {
            List<UUID> ids = new ArrayList<>(Math.min(DELETE_BATCH, confirmedCount.get()));
            UUID id;
            while (ids.size() < DELETE_BATCH && (id = confirmed.poll()) != null) {
                ids.add(id);
            }
            confirmedCount.addAndGet(-ids.size());
            if (ids.isEmpty()) {
                return;
            }
            try {
                long deleted = db.inTransaction(tx -> {
                    tx.dml("SET LOCAL synchronous_commit = off");
                    return tx.createDelete("DELETE FROM outbox WHERE id = ANY(?::uuid[])")
                            .addParam(Rows.uuidArray(ids)).execute();
                });
                deletedSinceVacuum += deleted;
            } catch (RuntimeException e) {
                confirmed.addAll(ids); // PostgreSQL away: delete them later (until then the rows wait)
                confirmedCount.addAndGet(ids.size());
                throw e;
            }
        }
    }

    /** Waits for a kick or the timeout; whether it was kicked. */
    private boolean await(Duration timeout) {
        lock.lock();
        try {
            if (!kicked && running && timeout.toNanos() > 0) {
                wake.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            boolean wasKicked = kicked;
            kicked = false;
            return wasKicked;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The lowest id a kicked pass reads: {@value #RECENT_MILLIS} ms before the newest one published. */
    private UUID recentFloor() {
        return newestPublishedMillis == 0 ? FROM_START : new UUID((newestPublishedMillis - RECENT_MILLIS) << 16, 0);
    }

    /** Claims, publishes and deletes one batch of rows with ids from {@code from}; returns how many it published. */
    int publishBatch(UUID from) {
        return db.inTransaction(tx -> {
            tx.dml("SET LOCAL synchronous_commit = off");
            List<DbRow> rows = tx.createQuery(CLAIM).addParam(from).execute().toList();
            if (rows.isEmpty()) {
                return 0;
            }
            List<UUID> ids = new ArrayList<>(rows.size());
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>(rows.size());
            for (DbRow row : rows) {
                UUID id = Rows.uuid(row, "id");
                Headers headers = new Headers();
                PublishOptions options = PublishOptions.builder().messageId(id.toString()).build();
                acks.add(jetStream.publishAsync(Rows.string(row, "subject"), headers,
                        row.column("payload").get(byte[].class), options));
                ids.add(id);
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("JetStream did not acknowledge the outbox batch: " + e.getMessage(), e);
            }
            published.increment(ids.size());
            long newest = ids.getLast().getMostSignificantBits() >>> 16;
            if (ids.getLast().version() == 7 && newest > newestPublishedMillis) {
                newestPublishedMillis = newest;
            }
            return ids.size();
        });
    }

    private void measureLag() {
        long now = System.nanoTime();
        if (now - lastLagMeasure < 1_000_000_000L) {
            return;
        }
        lastLagMeasure = now;
        db.client().execute().get("SELECT count(*) AS n, "
                                  + "coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0)::bigint AS age FROM outbox")
                .ifPresent(row -> {
                    lagRows.set(Rows.longValue(row, "n"));
                    lagMillis.set(Rows.longValue(row, "age"));
                });
    }

    private void measureLagQuietly() {
        try {
            measureLag();
        } catch (RuntimeException ignored) {
            // PostgreSQL is down too; the gauges keep their last value.
        }
    }

    @Override
    public void close() {
        running = false;
        kick();
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
