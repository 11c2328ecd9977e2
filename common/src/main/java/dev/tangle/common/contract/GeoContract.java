package dev.tangle.common.contract;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.nats.service.Operation;

/**
 * {@code tangle.svc.geo.*}, answered by geo-service instances in queue group {@code geo-service}.
 * socket-server forwards the WebSocket {@code location} frames of each instance together as {@link #LOCATIONS}
 * (docs/adr/0145); {@link #LOCATION} is the same for one update.
 */
public final class GeoContract {

    public static final String SERVICE = "geo";

    /** A location update of {@code userId} (taken from the verified token), exactly like {@code POST /v1/location}. */
    public static final Operation<LocationUpdate, Accepted> LOCATION =
            Operation.of(SERVICE, "location", LocationUpdate.class, Accepted.class);

    /** Several updates (of any users) in one request; the results answer them in order. */
    public static final Operation<LocationBatch, BatchResults> LOCATIONS =
            Operation.of(SERVICE, "locations", LocationBatch.class, BatchResults.class);

    private GeoContract() {
    }

    /**
     * @param userId     the sharer
     * @param lat        WGS84 latitude, -90..90
     * @param lon        WGS84 longitude, -180..180
     * @param accuracyM  optional accuracy radius in metres, 0..100000
     * @param batteryPct optional battery level 0..100
     * @param at         the device's time (ISO-8601), optional (then: when received)
     */
    public record LocationUpdate(String userId, Double lat, Double lon, Double accuracyM, Integer batteryPct, String at) {
    }

    /** @param coalesced whether the update was folded into a later one because it came faster than the rate */
    public record Accepted(boolean coalesced) {
    }

    public record LocationBatch(List<LocationUpdate> updates) {
    }

    /** @param results one per update, in the batch's order */
    public record BatchResults(List<Result> results) {
    }

    /**
     * What became of one update of a batch.
     *
     * @param coalesced as in {@link Accepted}
     * @param error     the problem document ({@code Problems.document}) when the update was refused, else null
     */
    public record Result(boolean coalesced, JsonNode error) {
    }
}
