package dev.tangle.api.chat.message;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tangle.common.db.CommitOutcomeUnknownException;
import dev.tangle.common.db.DbFailures;
import dev.tangle.common.error.Problems;
import dev.tangle.common.metrics.Metrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

/**
 * Group commit for sends. Conversations are spread over stripes; each stripe has a few writers (virtual threads)
 * that take every send queued while their previous transaction ran, whatever its conversation, and commit them
 * together in one transaction. Several writers per stripe let one prepare its batch while another holds a
 * conversation's row lock. A caller is answered only after the transaction holding its message committed. Under
 * light load a batch holds one send; as load grows batches grow, so the round trips and the commit are shared
 * by more messages and the cost per message falls (ADR 0020).
 *
 * <p>A batch that fails for a reason other than PostgreSQL being away is split in halves, each committed on its
 * own, until the send that caused it stands alone: one bad send fails alone and the others commit (ADR 0061).
 * PostgreSQL away fails the whole batch with a retryable 503; a commit whose answer was lost answers every send of
 * the batch with "outcome unknown" (retryable with the same clientMsgId).
 */
final class SendBatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SendBatcher.class.getName());
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final MessageWriter writer;
    private final int maxBatch;
    private final List<Stripe> stripes = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private volatile boolean running = true;

    SendBatcher(MessageWriter writer, int stripeCount, int writersPerStripe, int maxBatch, Metrics metrics) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder(metrics.name("chat.send.batch.size"))
                .description("Sends committed per transaction").register(metrics.registry());
        this.commits = Timer.builder(metrics.name("chat.send.commit"))
                .description("Duration of one send transaction (a batch)").register(metrics.registry());
        for (int i = 0; i < stripeCount; i++) {
            stripes.add(new Stripe(i, writersPerStripe));
        }
    }

    /** Commits the send (possibly together with others) and returns its outcome after commit. */
    SendResult send(SendCommand command) {
        if (!running) {
            throw Problems.unavailable("api-server is shutting down");
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        stripes.get(Math.floorMod(command.conversationId().hashCode(), stripes.size())).queue.add(pending);
        try {
            return pending.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw Problems.outcomeUnknown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unavailable("Interrupted; retry with the same clientMsgId");
        }
    }

    @Override
    public void close() {
        running = false;
        stripes.forEach(s -> s.threads.forEach(Thread::interrupt));
        for (Stripe stripe : stripes) {
            for (Thread thread : stripe.threads) {
                try {
                    thread.join(java.time.Duration.ofSeconds(5)); // before their pool closes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private record Pending(SendCommand command, CompletableFuture<SendResult> answer) {
    }

    private final class Stripe {
        final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        final List<Thread> threads = new ArrayList<>();

        Stripe(int index, int writers) {
            for (int w = 0; w < writers; w++) {
                threads.add(Thread.ofVirtual().name("chat-send-" + index + "-" + w).start(this::run));
            }
        }

        private void run() {
            List<Pending> batch = new ArrayList<>(maxBatch);
            while (running) {
                try {
                    batch.add(queue.take());
                    queue.drainTo(batch, maxBatch - 1);
                    flush(batch);
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "Send writer failed", e);
                    batch.forEach(p -> p.answer().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
            Pending left;
            while ((left = queue.poll()) != null) {
                left.answer().completeExceptionally(Problems.unavailable("api-server is shutting down"));
            }
        }

        private void flush(List<Pending> batch) {
            batchSizes.record(batch.size());
            commit(batch);
        }

        private void commit(List<Pending> batch) {
            List<Object> outcomes;
            try {
                long started = System.nanoTime();
                outcomes = writer.write(batch.stream().map(Pending::command).toList());
                commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                if (batch.size() > 1 && !DbFailures.isUnavailable(e) && !(e instanceof CommitOutcomeUnknownException)) {
                    int half = batch.size() / 2;
                    commit(batch.subList(0, half));
                    commit(batch.subList(half, batch.size()));
                    return;
                }
                RuntimeException answer = DbFailures.asProblem(e).<RuntimeException>map(p -> p).orElse(e);
                if (answer == e) {
                    LOG.log(Level.ERROR, "Send failed", e);
                }
                batch.forEach(p -> p.answer().completeExceptionally(answer));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) instanceof SendResult result) {
                    batch.get(i).answer().complete(result);
                } else {
                    batch.get(i).answer().completeExceptionally(MessageWriter.asFailure(outcomes.get(i)));
                }
            }
        }
    }
}
