package dev.tangle.geo.location;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.tangle.common.error.Problems;
import dev.tangle.common.time.UtcInstants;
import dev.tangle.geo.support.LatLon;

/**
 * One validated location update.
 *
 * @param point      where
 * @param accuracyM  accuracy radius in metres, or null
 * @param batteryPct battery level, or null
 * @param at         the device's time
 */
public record Fix(LatLon point, Double accuracyM, Integer batteryPct, Instant at) {

    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final Duration MAX_PAST = Duration.ofHours(24);

    /** Validates raw fields (from JSON); 400 naming the first bad field. */
    public static Fix of(Double lat, Double lon, Double accuracyM, Integer batteryPct, String at, Instant now) {
        if (lat == null || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw Problems.validation("lat", "is required, -90..90");
        }
        if (lon == null || !Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw Problems.validation("lon", "is required, -180..180");
        }
        if (accuracyM != null && (!Double.isFinite(accuracyM) || accuracyM < 0 || accuracyM > 100_000)) {
            throw Problems.validation("accuracyM", "must be 0..100000");
        }
        if (batteryPct != null && (batteryPct < 0 || batteryPct > 100)) {
            throw Problems.validation("batteryPct", "must be 0..100");
        }
        Instant time = now;
        if (at != null) {
            try {
                time = UtcInstants.parse(at);
            } catch (DateTimeParseException e) {
                throw Problems.validation("at", "must be an ISO-8601 UTC time");
            }
            if (time.isAfter(now.plus(MAX_FUTURE)) || time.isBefore(now.minus(MAX_PAST))) {
                throw Problems.validation("at", "must be within the last 24 hours and not in the future");
            }
        }
        return new Fix(new LatLon(lat, lon), accuracyM, batteryPct, time);
    }

    @Override
    public String toString() {
        return "Fix[at=" + at + "]";
    }
}
