package dev.tangle.geo.location;

import java.time.Instant;
import java.util.UUID;

import dev.tangle.common.contract.GeoContract;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.nats.service.NatsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/** Serves {@link GeoContract#LOCATION} (socket-server's forwarded {@code location} frames) in queue group geo-service. */
public final class LocationNatsService {

    private LocationNatsService() {
    }

    public static NatsService start(Connection nats, MeterRegistry meters, LocationService locations, int concurrency) {
        return NatsService.builder(nats, "tangle-geo", "1.0.0").queue("geo-service").meters(meters)
                .maxConcurrency(concurrency).description("Location updates from socket-server")
                .endpoint(GeoContract.LOCATION, q -> {
                    UUID user = Ids.parse(q.userId()).orElseThrow(() -> Problems.validation("userId", "is required and must be an id"));
                    Fix fix = Fix.of(q.lat(), q.lon(), q.accuracyM(), q.batteryPct(), q.at(), Instant.now());
                    return new GeoContract.Accepted(locations.ingest(user, fix));
                })
                .start();
    }
}
