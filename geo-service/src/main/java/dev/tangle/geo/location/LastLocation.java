package dev.tangle.geo.location;

import java.time.Instant;

import dev.tangle.geo.support.GeoGrid;
import dev.tangle.geo.support.LatLon;

/**
 * A sharer's last known location as stored in {@code tangle_location} (key = user id): the exact point for the
 * owner and exact viewers, and the grid cell stored alongside for approximate viewers, so they are served
 * only what was snapped before it was stored.
 */
public record LastLocation(double lat, double lon, Double accuracyM, Integer batteryPct, Instant at, Instant receivedAt,
                           double cellLat, double cellLon) {

    public static LastLocation of(Fix fix, Instant receivedAt) {
        LatLon cell = GeoGrid.snap(fix.point().lat(), fix.point().lon());
        return new LastLocation(fix.point().lat(), fix.point().lon(), fix.accuracyM(), fix.batteryPct(), fix.at(),
                receivedAt, cell.lat(), cell.lon());
    }

    @Override
    public String toString() {
        return "LastLocation[at=" + at + "]";
    }
}
