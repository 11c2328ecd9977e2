package dev.tangle.geo.map.index;

import java.util.Optional;

/**
 * A cluster's id: its grid cell at a zoom, written {@code <zoom>.<x>.<y>}. The same items at the same zoom always
 * fall in the same cell, so ids are stable across pans.
 */
public record CellId(int zoom, int x, int y) {

    public CellId {
        int n = 1 << (zoom + MapIndex.LEVEL_OFFSET);
        if (zoom < 0 || zoom > MapIndex.MAX_ZOOM || x < 0 || y < 0 || x >= n || y >= n) {
            throw new IllegalArgumentException("no such cell");
        }
    }

    public String wire() {
        return zoom + "." + x + "." + y;
    }

    int level() {
        return zoom + MapIndex.LEVEL_OFFSET;
    }

    long prefix() {
        return Mercator.interleave(x, y);
    }

    static CellId of(int zoom, long prefix) {
        return new CellId(zoom, Mercator.cellX(prefix), Mercator.cellY(prefix));
    }

    /** Parses a wire id; empty when it is not one. */
    public static Optional<CellId> parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CellId(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
