package dev.tangle.api.webhooks;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Delivers pending deliveries, safely with any number of api-server instances: an instance leases an endpoint (a
 * row lease, {@code FOR UPDATE SKIP LOCKED}), delivers its queue head by head, strictly in order, and lets it go.
 * A failed head is retried with exponential backoff ({@code retry-base} × 2^attempts, at most an hour) while later
 * events wait behind it; after {@code retry-for} (a day) it is dead — parked in the endpoint's dead-letter list,
 * replayable — and the endpoint is disabled and its owner notified. Each request carries the Standard Webhooks
 * headers and signature; only a 2xx counts as delivered; redirects are not followed.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final int BATCH = 16;

    private final Database db;
    private final OutboxRelay relay;
    private final WebhookRepository webhooks;
    private final UrlGuard guard;
    private final WebhookConfig config;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wake = new Semaphore(0);
    private final Thread loop;
    private volatile boolean running = true;

    public WebhookDispatcher(Database db, OutboxRelay relay, WebhookRepository webhooks, UrlGuard guard,
                             WebhookConfig config, MeterRegistry meters) {
        this.db = db;
        this.relay = relay;
        this.webhooks = webhooks;
        this.guard = guard;
        this.config = config;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).executor(workers).build();
        this.loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
    }

    /** Something may be due now (a new delivery, a replay, a re-enabled endpoint). */
    public void kick() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                List<WebhookRepository.Stored> leased = db.inTransaction(tx ->
                        webhooks.lease(tx, config.timeout().multipliedBy(BATCH + 1), BATCH));
                var done = leased.stream().map(w -> workers.submit(() -> drain(w))).toList();
                for (var f : done) {
                    f.get();
                }
                if (leased.isEmpty()) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Webhook dispatch pass failed: " + e.getMessage());
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Delivers the endpoint's due heads in order, up to a batch; stops at the first failure. */
    private void drain(WebhookRepository.Stored stored) {
        var w = stored.webhook();
        try {
            for (int i = 0; i < BATCH && running; i++) {
                var head = webhooks.head(db.client().execute(), w.id()).orElse(null);
                if (head == null || head.nextAttemptAt().isAfter(Instant.now())) {
                    return;
                }
                if (!attempt(stored, head)) {
                    return;
                }
            }
        } finally {
            db.inTransaction(tx -> {
                webhooks.release(tx, w.id());
                return null;
            });
            kick(); // more may be due
        }
    }

    private boolean attempt(WebhookRepository.Stored stored, WebhookRepository.Head head) {
        long start = System.nanoTime();
        Integer status = null;
        String error;
        try {
            URI target = guard.check("url", stored.webhook().url());
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(target).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Tangle-Webhooks/1")
                    .header("webhook-id", head.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signature.sign(stored.secret(), head.eventId(), timestamp, head.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(head.body())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (ApiException refused) {
            error = "refused: " + refused.detail();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Timer.builder("tangle.api.webhook.delivery").tag("outcome", error == null ? "delivered" : "failed")
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        Integer answered = status;
        String failure = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        if (failure == null) {
            db.inTransaction(tx -> {
                webhooks.delivered(tx, head.id(), answered);
                return null;
            });
            return true;
        }
        Instant next = Instant.now().plus(backoff(head.attempts()));
        boolean dead = next.isAfter(head.createdAt().plus(config.retryFor()));
        db.inTransaction(tx -> {
            webhooks.failed(tx, head.id(), answered, failure, dead ? null : next);
            if (dead) {
                var w = stored.webhook();
                webhooks.update(tx, w.id(), w.url(), w.events(), "disabled", "deliveries failed for " + config.retryFor());
                Outbox.add(tx, Event.of("api-server", "user", w.ownerId(), "notification",
                        Map.of("kind", "webhook.disabled", "webhookId", w.id(), "deliveryId", head.id())));
            }
            return null;
        });
        if (dead) {
            relay.kick();
        }
        return false;
    }

    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration d = config.retryBase().multipliedBy(factor);
        return d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        workers.shutdownNow();
    }
}
