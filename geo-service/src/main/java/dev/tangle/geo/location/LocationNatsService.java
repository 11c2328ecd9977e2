package dev.tangle.geo.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.tangle.common.contract.GeoContract;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.service.NatsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/**
 * Serves, in queue group geo-service, {@link GeoContract#LOCATION} (one update) and {@link GeoContract#LOCATIONS}
 * (the {@code location} frames socket-server forwards, batched per instance, docs/adr/0145). A batch only offers
 * its updates to their sharers' slots, so it is answered on a dispatcher thread of its own (docs/adr/0151): as a
 * virtual thread it waited for one of the two carriers behind thousands of processing threads, and whole batches
 * missed the caller's timeout under load.
 */
public final class LocationNatsService {

    private LocationNatsService() {
    }

    public static NatsService start(Connection nats, MeterRegistry meters, LocationService locations, int concurrency) {
        return NatsService.builder(nats, "tangle-geo", "1.0.0").queue("geo-service").meters(meters)
                .maxConcurrency(concurrency).description("Location updates from socket-server")
                .endpoint(GeoContract.LOCATION, q -> new GeoContract.Accepted(ingest(locations, q, Instant.now())))
                .endpointOnOwnThread(GeoContract.LOCATIONS, batch -> ingestAll(locations, batch))
                .start();
    }

    /** Each update on its own: a refused one is answered with its problem, the others are taken. */
    private static GeoContract.BatchResults ingestAll(LocationService locations, GeoContract.LocationBatch batch) {
        if (batch.updates() == null) {
            throw Problems.validation("updates", "is required");
        }
        Instant now = Instant.now();
        List<GeoContract.Result> results = new ArrayList<>(batch.updates().size());
        for (GeoContract.LocationUpdate update : batch.updates()) {
            GeoContract.Result result;
            try {
                if (update == null) {
                    throw Problems.validation("updates", "must not hold null");
                }
                result = new GeoContract.Result(ingest(locations, update, now), null);
            } catch (ApiException e) {
                result = new GeoContract.Result(false, Json.MAPPER.valueToTree(Problems.document(e)));
            }
            results.add(result);
        }
        return new GeoContract.BatchResults(results);
    }

    private static boolean ingest(LocationService locations, GeoContract.LocationUpdate q, Instant now) {
        UUID user = Ids.parse(q.userId()).orElseThrow(() -> Problems.validation("userId", "is required and must be an id"));
        return locations.ingest(user, Fix.of(q.lat(), q.lon(), q.accuracyM(), q.batteryPct(), q.at(), now));
    }
}
