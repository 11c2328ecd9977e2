package dev.tangle.geo.support;

/**
 * The fixed approximate grid, the same as posts' (api-server's {@code GeoGrid}): rows 1/111.32 degree of latitude
 * apart (1 km), columns as many degrees of longitude as make 1 km on the row's parallel. A point becomes its
 * cell's centre, so every point of a cell maps to the same value: nothing derived from an approximate location
 * (pushes, status, place comparisons) can tell two points of a cell apart.
 */
public final class GeoGrid {

    static final double LAT_STEP = 1.0 / 111.32;
    private static final double SCALE = 1e6;
    /** What an approximate viewer is told as accuracy: about half the cell's diagonal. */
    public static final double APPROXIMATE_ACCURACY_M = 750;

    private GeoGrid() {
    }

    /** The centre of the cell holding the point, rounded to 6 decimals. */
    public static LatLon snap(double lat, double lon) {
        long row = (long) Math.floor((lat + 90.0) / LAT_STEP);
        double cellLat = Math.min(90.0, -90.0 + (row + 0.5) * LAT_STEP);
        double lonStep = LAT_STEP / Math.max(Math.cos(Math.toRadians(cellLat)), 1e-3);
        long column = (long) Math.floor((lon + 180.0) / lonStep);
        double cellLon = Math.min(180.0, -180.0 + (column + 0.5) * lonStep);
        return new LatLon(round(cellLat), round(cellLon));
    }

    private static double round(double v) {
        return Math.round(v * SCALE) / SCALE;
    }
}
