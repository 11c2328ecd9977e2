package dev.tangle.geo.location;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tangle.common.contract.GeoContract;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.service.ServiceMessage;

/**
 * Takes the {@link GeoContract#LOCATIONS} batches socket-server forwards (docs/adr/0145) on a NATS dispatcher
 * thread of its own, a platform thread, in queue group {@code geo-service} (docs/adr/0151): a batch only offers its
 * updates to their sharers' slots, so it is answered in microseconds, but as a virtual thread of the micro-service
 * it waited for one of the two carriers behind thousands of processing threads and whole batches missed the
 * caller's timeout under load. Replies are those of {@code NatsService}: the results, or a problem body with the
 * {@code Nats-Service-Error} headers, and {@code tangle_nats_service_request_seconds{service=geo,op=locations}}.
 */
public final class LocationIntake implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocationIntake.class.getName());
    private static final String QUEUE = "geo-service";

    private final Connection nats;
    private final LocationService locations;
    private final MeterRegistry meters;
    private final Timer ok;
    private final Dispatcher dispatcher;
    private long replyFailures;

    private LocationIntake(Connection nats, MeterRegistry meters, LocationService locations) {
        this.nats = nats;
        this.locations = locations;
        this.meters = meters;
        this.ok = timer("ok");
        this.dispatcher = nats.createDispatcher(this::onBatch);
        dispatcher.setPendingLimits(-1, -1); // never dropped here: a slow intake shows as the caller's timeout
    }

    /** Subscribes; batches are taken once this returns (the server knows the subscription). */
    public static LocationIntake start(Connection nats, MeterRegistry meters, LocationService locations) {
        LocationIntake intake = new LocationIntake(nats, meters, locations);
        intake.dispatcher.subscribe(GeoContract.LOCATIONS.subject(), QUEUE);
        try {
            nats.flush(java.time.Duration.ofSeconds(5));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Location intake started while NATS is unreachable: " + e.getMessage());
        }
        return intake;
    }

    private Timer timer(String code) {
        return Timer.builder("tangle.nats.service.request")
                .description("tangle.svc.* requests answered, by outcome code")
                .tag("service", GeoContract.LOCATIONS.service()).tag("op", GeoContract.LOCATIONS.name())
                .tag("code", code).register(meters);
    }

    private void onBatch(Message msg) {
        long start = System.nanoTime();
        byte[] body;
        Headers headers = null;
        Timer timer = ok;
        try {
            body = Json.write(LocationNatsService.ingestAll(locations, decode(msg.getData())));
        } catch (RuntimeException e) {
            ApiException problem = e instanceof ApiException api ? api : internal(e);
            body = Json.write(Problems.document(problem));
            headers = new Headers()
                    .put(ServiceMessage.NATS_SERVICE_ERROR, problem.detail() == null ? problem.code() : problem.detail())
                    .put(ServiceMessage.NATS_SERVICE_ERROR_CODE, Integer.toString(problem.status()));
            timer = timer(problem.code());
        }
        if (msg.getReplyTo() != null) {
            try {
                nats.publish(msg.getReplyTo(), headers, body);
            } catch (RuntimeException e) { // outgoing queue full or closed: the caller answers its frames unavailable
                if (replyFailures++ % 1000 == 0) {
                    LOG.log(Level.WARNING, "Cannot answer a location batch (" + replyFailures + " so far): " + e.getMessage());
                }
            }
        }
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static ApiException internal(RuntimeException e) {
        LOG.log(Level.ERROR, "Location batch failed", e);
        return ErrorCode.INTERNAL_ERROR.exception("The request could not be completed");
    }

    /** The batch, or the same 400 the micro-service endpoints answer for a body that is not one. */
    static GeoContract.LocationBatch decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw Problems.malformedJson("Request is empty");
        }
        try {
            return Json.MAPPER.readValue(data, GeoContract.LocationBatch.class);
        } catch (MismatchedInputException e) {
            throw Problems.validation("updates", "has the wrong type or shape");
        } catch (JsonProcessingException e) {
            throw Problems.malformedJson("Request is not valid JSON");
        } catch (IOException e) {
            throw Problems.malformedJson("Request could not be read");
        }
    }

    /** Stops taking batches; those already received are answered first. */
    @Override
    public void close() {
        try {
            dispatcher.drain(java.time.Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Location intake did not drain: " + e.getMessage());
        }
    }
}
