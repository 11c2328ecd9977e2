package dev.tangle.api.community.post;

/**
 * Snaps coordinates to a grid of about 1 km × 1 km: rows 1/111.32 degree of latitude apart (1 km), columns
 * as many degrees of longitude as make 1 km on the row's parallel, so cells stay about square away from the
 * equator. A point is replaced by its cell's centre, so every point of a cell maps to the same stored value.
 */
public final class GeoGrid {

    /** Degrees of latitude per kilometre. */
    static final double LAT_STEP = 1.0 / 111.32;
    private static final double SCALE = 1e6;

    private GeoGrid() {
    }

    /** {@code [lat, lon]} of the centre of the cell holding the point, rounded to 6 decimals. */
    public static double[] snap(double lat, double lon) {
        long row = (long) Math.floor((lat + 90.0) / LAT_STEP);
        double cellLat = Math.min(90.0, -90.0 + (row + 0.5) * LAT_STEP);
        double lonStep = LAT_STEP / Math.max(Math.cos(Math.toRadians(cellLat)), 1e-3);
        long column = (long) Math.floor((lon + 180.0) / lonStep);
        double cellLon = -180.0 + (column + 0.5) * lonStep;
        if (cellLon > 180.0) {
            cellLon = 180.0;
        }
        return new double[] {round(cellLat), round(cellLon)};
    }

    private static double round(double v) {
        return Math.round(v * SCALE) / SCALE;
    }
}
