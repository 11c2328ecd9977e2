package dev.tangle.media.process;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.tangle.common.db.Database;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import dev.tangle.common.nats.Subjects;
import dev.tangle.media.support.MediaMetrics;
import dev.tangle.media.item.MediaEvents;
import dev.tangle.media.item.MediaRepository;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.impl.Headers;

/**
 * Workers of {@code tangle.job.media.process}: one durable pull consumer {@value #DURABLE} on {@code TANGLE_JOBS}
 * that every media-service instance shares, {@code concurrency} threads per instance each pulling one job when it
 * is free. A job in progress is kept alive with {@code +WPI} every third of the ack wait; a worker that dies stops
 * doing that and the job is redelivered to another after the ack wait. A transient failure is NAKed with an
 * exponential delay; after {@code maxAttempts} deliveries the job goes to {@code tangle.dlq.job.media.process} and
 * the item fails.
 */
public final class JobWorker implements AutoCloseable {

    public static final String DURABLE = "media-process";
    private static final System.Logger LOG = System.getLogger(JobWorker.class.getName());

    private final Connection nats;
    private final MediaProcessor processor;
    private final Jobs config;
    private final MediaMetrics metrics;
    private final Database db;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private volatile boolean running = true;

    public JobWorker(Connection nats, Database db, MediaProcessor processor, Jobs config, MediaMetrics metrics) {
        this.nats = nats;
        this.db = db;
        this.processor = processor;
        this.config = config;
        this.metrics = metrics;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("media-job-timer").factory());
    }

    public JobWorker start() {
        ConsumerContext consumer = ensureConsumer();
        for (int i = 0; i < config.concurrency(); i++) {
            Thread t = Thread.ofPlatform().daemon().name("media-worker-" + i).start(() -> loop(consumer));
            threads.add(t);
        }
        timers.scheduleWithFixedDelay(this::measure, 1, 5, TimeUnit.SECONDS);
        return this;
    }

    private ConsumerContext ensureConsumer() {
        ConsumerConfiguration cc = ConsumerConfiguration.builder()
                .durable(DURABLE)
                .filterSubject(Subjects.job(MediaEvents.JOB_KIND))
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(config.ackWait())
                .maxDeliver(-1)
                .maxAckPending(10_000)
                .build();
        try {
            nats.jetStreamManagement().addOrUpdateConsumer(Streams.JOBS, cc);
            return nats.getConsumerContext(Streams.JOBS, DURABLE);
        } catch (java.io.IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot create the " + DURABLE + " consumer on " + Streams.JOBS + ": " + e.getMessage(), e);
        }
    }

    private void loop(ConsumerContext consumer) {
        while (running) {
            Message msg;
            try {
                msg = consumer.next(Duration.ofSeconds(1));
            } catch (Exception e) {
                if (running) {
                    LOG.log(Level.DEBUG, "media job pull failed: " + e);
                    pause();
                }
                continue;
            }
            if (msg != null && running) {
                handle(msg);
            }
        }
    }

    void handle(Message msg) {
        long attempt = msg.metaData().deliveredCount();
        UUID mediaId;
        try {
            mediaId = UUID.fromString(Json.tree(msg.getData()).path("data").path("mediaId").asText());
        } catch (RuntimeException e) {
            deadLetter(msg, attempt, "malformed job");
            msg.ack();
            return;
        }
        if (attempt > config.maxAttempts()) {
            exhausted(msg, mediaId, attempt, "redelivered " + attempt + " times (workers died)");
            return;
        }
        long beat = Math.max(100, config.ackWait().toMillis() / 3);
        ScheduledFuture<?> heartbeat = timers.scheduleAtFixedRate(msg::inProgress, beat, beat, TimeUnit.MILLISECONDS);
        try {
            processor.process(mediaId);
            heartbeat.cancel(false);
            msg.ack();
        } catch (RuntimeException e) {
            heartbeat.cancel(false);
            metrics.failed("transient");
            LOG.log(Level.WARNING, "media job " + mediaId + " attempt " + attempt + " failed: " + e);
            if (attempt >= config.maxAttempts()) {
                exhausted(msg, mediaId, attempt, e.toString());
            } else {
                long delay = config.backoff().toMillis() << Math.min(20, attempt - 1);
                msg.nakWithDelay(Duration.ofMillis(Math.min(delay, Duration.ofHours(1).toMillis())));
            }
        }
    }

    private void exhausted(Message msg, UUID mediaId, long attempt, String why) {
        deadLetter(msg, attempt, why);
        try {
            processor.fail(mediaId, "attempts_exhausted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot mark " + mediaId + " failed: " + e);
        }
        msg.ack();
    }

    private void deadLetter(Message msg, long attempt, String why) {
        Headers headers = new Headers()
                .put("Tangle-Job-Subject", msg.getSubject())
                .put("Tangle-Attempts", Long.toString(attempt))
                .put("Tangle-Error", why.length() > 500 ? why.substring(0, 500) : why);
        try {
            nats.jetStream().publish(Subjects.deadLetter(MediaEvents.JOB_KIND), headers, msg.getData(),
                    PublishOptions.builder().messageId("dlq-" + msg.metaData().streamSequence()).build());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot dead-letter a media job: " + e.getMessage(), e);
        }
    }

    private void measure() {
        try {
            ConsumerInfo info = nats.jetStreamManagement().getConsumerInfo(Streams.JOBS, DURABLE);
            long[] backlog = new MediaRepository().backlog(db.client().execute());
            metrics.queue(info.getNumPending() + info.getNumAckPending(), backlog[1]);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "media queue gauges not updated: " + e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops pulling; a job still running is not acknowledged and will be redelivered. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.shutdownNow();
    }
}
