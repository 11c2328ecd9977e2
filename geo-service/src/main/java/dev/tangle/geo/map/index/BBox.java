package dev.tangle.geo.map.index;

import java.util.List;

/**
 * A viewport in degrees. {@code west > east} means it crosses the antimeridian.
 */
public record BBox(double west, double south, double east, double north) {

    public BBox {
        if (!(west >= -180 && west <= 180 && east >= -180 && east <= 180)) {
            throw new IllegalArgumentException("longitudes must be within -180..180");
        }
        if (!(south >= -90 && south <= 90 && north >= -90 && north <= 90) || south > north) {
            throw new IllegalArgumentException("latitudes must be within -90..90 with south <= north");
        }
    }

    /** One box, or two when it crosses the antimeridian. */
    List<BBox> split() {
        if (west <= east) {
            return List.of(this);
        }
        return List.of(new BBox(west, south, 180, north), new BBox(-180, south, east, north));
    }
}
