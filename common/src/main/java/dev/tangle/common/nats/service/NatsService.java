package dev.tangle.common.nats.service;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tangle.common.db.DbFailures;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;

/**
 * The one way a Tangle service answers {@code tangle.svc.*} requests: a jnats micro-service (so
 * {@code nats micro ls} and the {@code $SRV.PING|INFO|STATS} discovery requests list it) whose endpoints share a
 * queue group, run each request on a virtual thread under a concurrency bound, never block the NATS dispatcher,
 * answer failures with {@code Nats-Service-Error} headers and a problem body, and drain on close.
 *
 * <p>When the bound is reached a request is answered {@code unavailable} at once (retryable) rather than queued
 * without limit or left to time out. An endpoint registered with {@link Builder#endpointOnOwnThread} is the
 * exception: answered on a dispatcher thread of its own, one request at a time.
 */
public final class NatsService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsService.class.getName());

    private final Service service;
    private final ExecutorService executor;
    private final Duration drainTimeout;
    private final Connection connection;
    private final List<Dispatcher> ownThreads;

    private NatsService(Service service, ExecutorService executor, Duration drainTimeout, Connection connection,
                        List<Dispatcher> ownThreads) {
        this.service = service;
        this.executor = executor;
        this.drainTimeout = drainTimeout;
        this.connection = connection;
        this.ownThreads = ownThreads;
    }

    /**
     * @param name    the service's discovery name, e.g. {@code tangle-chat}
     * @param version semantic version of its contract
     */
    public static Builder builder(Connection connection, String name, String version) {
        return new Builder(connection, name, version);
    }

    /** A handler: validates and runs one typed request; an {@link ApiException} becomes an error reply. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Q request);
    }

    /** The jnats service, for discovery and stats. */
    public Service service() {
        return service;
    }

    /** Stops taking requests, lets in-flight ones finish (within the drain timeout) and answer. */
    @Override
    public void close() {
        service.stop(true);
        ownThreads.forEach(connection::closeDispatcher);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "Service " + service.getName() + " stopped with requests still running");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    public static final class Builder {
        private final Connection connection;
        private final String name;
        private final String version;
        private final List<Registration<?, ?>> registrations = new ArrayList<>();
        private String queue = "tangle";
        private int maxConcurrency = 256;
        private Duration drainTimeout = Duration.ofSeconds(5);
        private MeterRegistry meters = new CompositeMeterRegistry();
        private String description = "";

        private Builder(Connection connection, String name, String version) {
            this.connection = Objects.requireNonNull(connection);
            this.name = name;
            this.version = version;
        }

        /** The queue group every endpoint subscribes in (instances of one service share the work). */
        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Requests handled at once by this instance; more are answered {@code unavailable}. */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1");
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** Where {@code tangle_nats_service_request_seconds{service,op,code}} is recorded. */
        public Builder meters(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        public <Q, R> Builder endpoint(Operation<Q, R> operation, Handler<Q, R> handler) {
            registrations.add(new Registration<>(operation, handler, 0, false));
            return this;
        }

        /**
         * An endpoint answered on a NATS dispatcher thread of its own (a platform thread), one request at a time,
         * outside the service's bound: for a cheap operation whose requests must not wait for a carrier behind the
         * service's virtual threads (geo-service's location batches, docs/adr/0151). The handler must not block.
         */
        public <Q, R> Builder endpointOnOwnThread(Operation<Q, R> operation, Handler<Q, R> handler) {
            registrations.add(new Registration<>(operation, handler, 0, true));
            return this;
        }

        /**
         * An endpoint with a bound of its own instead of the service's {@link #maxConcurrency}: for an operation
         * whose requests mostly wait cheaply (parked virtual threads, no pooled connection held), so that bursts of
         * it neither get refused at the shared bound nor crowd the other operations out.
         */
        public <Q, R> Builder endpoint(Operation<Q, R> operation, Handler<Q, R> handler, int ownConcurrency) {
            if (ownConcurrency < 1) {
                throw new IllegalArgumentException("ownConcurrency must be at least 1");
            }
            registrations.add(new Registration<>(operation, handler, ownConcurrency, false));
            return this;
        }

        /** Builds and starts the service; its endpoints answer once this returns. */
        public NatsService start() {
            ExecutorService executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("svc-" + name + "-", 0).factory());
            Semaphore permits = new Semaphore(maxConcurrency);
            var builder = Service.builder().connection(connection).name(name).version(version)
                    .description(description).drainTimeout(drainTimeout);
            List<Dispatcher> ownThreads = new ArrayList<>();
            for (Registration<?, ?> r : registrations) {
                Dispatcher own = null;
                if (r.ownThread()) {
                    own = connection.createDispatcher();
                    own.setPendingLimits(-1, -1); // never dropped: a slow endpoint shows as the caller's timeout
                    ownThreads.add(own);
                }
                builder.addServiceEndpoint(r.endpoint(connection, queue, executor,
                        r.ownConcurrency() > 0 ? new Semaphore(r.ownConcurrency()) : permits, own, meters));
            }
            Service service = builder.build();
            service.startService();
            try {
                connection.flush(Duration.ofSeconds(5)); // the server knows the subscriptions when we return
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Service " + name + " started while NATS is unreachable: " + e.getMessage());
            }
            return new NatsService(service, executor, drainTimeout, connection, ownThreads);
        }
    }

    private record Registration<Q, R>(Operation<Q, R> operation, Handler<Q, R> handler, int ownConcurrency,
                                      boolean ownThread) {

        /** {@code own}: the endpoint's own dispatcher, on whose thread it answers; null for the shared way. */
        ServiceEndpoint endpoint(Connection connection, String queue, ExecutorService executor, Semaphore permits,
                                 Dispatcher own, MeterRegistry meters) {
            return ServiceEndpoint.builder()
                    .endpointName(operation.service() + "-" + operation.name())
                    .endpointSubject(operation.subject())
                    .endpointQueueGroup(queue)
                    .dispatcher(own)
                    .handler(msg -> {
                        if (own != null) {
                            long start = System.nanoTime();
                            respond(connection, msg, answer(msg.getData()), meters, start);
                            return;
                        }
                        if (!permits.tryAcquire()) {
                            respond(connection, msg, failure(Problems.unavailable(
                                    "Too many requests in flight; retry shortly")), meters, System.nanoTime());
                            return;
                        }
                        long start = System.nanoTime();
                        try {
                            executor.execute(() -> {
                                try {
                                    respond(connection, msg, answer(msg.getData()), meters, start);
                                } finally {
                                    permits.release();
                                }
                            });
                        } catch (RuntimeException rejected) { // shutting down
                            permits.release();
                            respond(connection, msg, failure(Problems.unavailable("Shutting down")), meters, start);
                        }
                    })
                    .build();
        }

        private Outcome answer(byte[] data) {
            try {
                return new Outcome(Json.write(handler.handle(decode(data))), null);
            } catch (ApiException e) {
                return failure(e);
            } catch (RuntimeException e) {
                var known = DbFailures.asProblem(e); // PostgreSQL away: 503 unavailable, as over REST
                if (known.isPresent()) {
                    return failure(known.get());
                }
                LOG.log(Level.ERROR, "Request on " + operation.subject() + " failed", e);
                return failure(ErrorCode.INTERNAL_ERROR.exception("The request could not be completed"));
            }
        }

        private Q decode(byte[] data) {
            if (data == null || data.length == 0) {
                throw Problems.malformedJson("Request is empty");
            }
            try {
                return Json.MAPPER.readValue(data, operation.requestType());
            } catch (MismatchedInputException e) {
                String field = e.getPath().isEmpty() ? "body" : e.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
                throw Problems.validation(field, "has the wrong type or shape");
            } catch (JsonProcessingException e) {
                throw Problems.malformedJson("Request is not valid JSON");
            } catch (IOException e) {
                throw Problems.malformedJson("Request could not be read");
            }
        }

        private static Outcome failure(ApiException e) {
            return new Outcome(ServiceErrors.body(e), e);
        }

        private void respond(Connection connection, ServiceMessage msg, Outcome outcome, MeterRegistry meters,
                             long start) {
            if (msg.getReplyTo() != null) {
                if (outcome.error() == null) {
                    msg.respond(connection, outcome.body());
                } else {
                    msg.respond(connection, outcome.body(), ServiceErrors.headers(outcome.error()));
                }
            }
            Timer.builder("tangle.nats.service.request")
                    .description("tangle.svc.* requests answered, by outcome code")
                    .tag("service", operation.service()).tag("op", operation.name())
                    .tag("code", outcome.error() == null ? "ok" : outcome.error().code())
                    .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private record Outcome(byte[] body, ApiException error) {
    }
}
