package dev.tangle.api.community.post;

/**
 * A post's place as stored and shown: {@code {lat, lon, name, precision}}. An approximate location is already
 * snapped to the grid of {@link GeoGrid} — the exact coordinates of an approximate location are never stored.
 *
 * @param lat       latitude, -90..90
 * @param lon       longitude, -180..180
 * @param name      a place name, or null
 * @param precision {@code exact} or {@code approximate}
 */
public record Location(double lat, double lon, String name, String precision) {

    public static final String EXACT = "exact";
    public static final String APPROXIMATE = "approximate";

    /** The location to store for what the author sent: snapped when approximate. */
    public static Location of(double lat, double lon, String name, boolean approximate) {
        if (!approximate) {
            return new Location(lat, lon, name, EXACT);
        }
        double[] snapped = GeoGrid.snap(lat, lon);
        return new Location(snapped[0], snapped[1], name, APPROXIMATE);
    }
}
