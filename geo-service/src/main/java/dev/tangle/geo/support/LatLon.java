package dev.tangle.geo.support;

/**
 * A WGS84 point in degrees.
 *
 * @param lat latitude
 * @param lon longitude
 */
public record LatLon(double lat, double lon) {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Great-circle distance in metres (haversine). */
    public double metresTo(LatLon other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                   + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Never the coordinates: for log lines. */
    @Override
    public String toString() {
        return "LatLon[redacted]";
    }
}
