package dev.tangle.common.contract;

import dev.tangle.common.nats.service.Operation;

/**
 * {@code tangle.svc.geo.*}, answered by geo-service instances in queue group {@code geo-service}.
 * socket-server forwards the WebSocket {@code location} frame as {@link #LOCATION}.
 */
public final class GeoContract {

    public static final String SERVICE = "geo";

    /** A location update of {@code userId} (taken from the verified token), exactly like {@code POST /v1/location}. */
    public static final Operation<LocationUpdate, Accepted> LOCATION =
            Operation.of(SERVICE, "location", LocationUpdate.class, Accepted.class);

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
}
