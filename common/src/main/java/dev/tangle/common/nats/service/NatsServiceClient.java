package dev.tangle.common.nats.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import io.nats.client.Connection;
import io.nats.client.Message;

/**
 * Calls {@code tangle.svc.*} operations. A failure comes back as the exact {@link ApiException} the service
 * raised (code, status, field errors); no answer in time, or nobody listening, is {@code unavailable}.
 */
public final class NatsServiceClient {

    private final Connection connection;
    private final Duration timeout;

    public NatsServiceClient(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    /** An asynchronous call; the future fails with {@link ApiException}. */
    public <Q, R> CompletableFuture<R> request(Operation<Q, R> operation, Q request) {
        return connection.requestWithTimeout(operation.subject(), Json.write(request), timeout)
                // jnats expires unanswered requests only on its cleanup timer (seconds later): bound it here
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((reply, failure) -> decode(operation, reply, failure));
    }

    /** A blocking call (make it on a virtual thread). */
    public <Q, R> R call(Operation<Q, R> operation, Q request) {
        try {
            return request(operation, request).get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof ApiException api ? api : unavailable(operation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(operation);
        }
    }

    private static <R> R decode(Operation<?, R> operation, Message reply, Throwable failure) {
        if (failure != null || reply == null || reply.isStatusMessage()) {
            throw unavailable(operation);
        }
        if (ServiceErrors.isError(reply)) {
            throw ServiceErrors.decode(reply);
        }
        return Json.read(reply.getData(), operation.replyType());
    }

    private static ApiException unavailable(Operation<?, ?> operation) {
        return Problems.unavailable("The " + operation.service() + " service did not answer " + operation.name());
    }
}
